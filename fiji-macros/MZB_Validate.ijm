// ModelZooBridge › Validate: check a bioimage.io model package and print the report to the Log.
//
// Arguments: model=PATH (the package .zip, folder or rdf.yaml; aliases: model_path, package)
//            static     (only the static checks; without it the test outputs are reproduced through ONNX Runtime)
// With no arguments a dialog asks for the package. Returns "passed", "valid-format" or "failed" (the report's
// status); when the package cannot be checked at all the host's error goes to the Log and the macro aborts.

args = macroArguments();
if (args == "") {
    Dialog.create("ModelZooBridge Validate");
    Dialog.addFile("Model package (.zip, folder or rdf.yaml)", "");
    Dialog.addCheckbox("Static checks only", false);
    Dialog.show();
    model = Dialog.getString();
    staticOnly = Dialog.getCheckbox();
} else {
    model = option(args, "model,model_path,package", "");
    staticOnly = hasFlag(args, "static");
}
if (model == "") fail("MZB Validate: model= is required (a package .zip, folder or rdf.yaml)");

request = "validate\n" + model;
if (staticOnly) request = request + "\n--static";
result = runHost(request);
code = substring(result, 0, indexOf(result, "\n"));
// Exit 1 is a package that failed its checks: the report says why, so it is printed, not an error.
if (code != "0" && code != "1") exit;
report = String.trim(substring(result, indexOf(result, "\n") + 1));
print(report);
// The report's last line starts with its status: "passed: ...", "valid-format: ..." or "failed: ...".
lines = split(report, "\n");
last = lines[lines.length - 1];
status = substring(last, 0, indexOf(last, ":"));
return status;

// ---- shared by every MZB macro; the macro language has no include (see README.md) ----
function macroArguments() {
    args = getArgument();
    if (args == "") {
        options = call("ij.Macro.getOptions");
        if (options != "null") args = options;
    }
    return String.trim(args);
}
function option(args, keys, fallback) {
    names = split(keys, ",");
    for (i = 0; i < names.length; i++) {
        value = call("ij.Macro.getValue", args, names[i], "");
        if (value != "") return value;
    }
    return fallback;
}
function hasFlag(args, key) {
    words = split(replace(args, "\\[[^\\]]*\\]", ""), " ");
    for (i = 0; i < words.length; i++) if (words[i] == key || words[i] == key + "=true") return true;
    return false;
}
function runHost(request) {
    return runMacro(File.getParent(getInfo("macro.filepath")) + File.separator + "mzb-host.txt", request);
}
function fail(message) {
    print(message);
    if (!is("batch mode")) showMessage("ModelZooBridge", message);
    exit;
}
