// ModelZooBridge › Predict: run a bioimage.io model package on the active image, an image file or a folder.
//
// Arguments (ImageJ key=value; put values with spaces in [brackets]):
//   model=PATH                  the package (.zip or folder)               aliases: model_path, package
//   input=PATH|active           an image file, a folder, or the active image (default: active)   aliases: input_path, image
//   output=PATH                 where to write; a folder for a folder input. Without it the result is
//                               written to a temporary file, opened, and the file removed.   aliases: output_path, out
//   tile=N                      block size (default: automatic)
//   device=auto|cpu|cuda        execution device (default: auto, falls back to the CPU and says why)
//   tta                         test-time augmentation (flips and rotations, averaged)
//   inputs=[ID=VALUE,...]       further inputs of a model with several (e.g. inputs=[mask=cells-mask.tif]): VALUE is
//                               the title of an open image or a path; input= fills the model input left unnamed
// With no arguments a dialog asks for them. Returns the title of the opened result, or the output folder;
// on failure the host's error is printed to the Log (and shown unless in batch mode) and the macro aborts.

args = macroArguments();
if (args == "") {
    Dialog.create("ModelZooBridge Predict");
    Dialog.addFile("Model package (.zip or folder)", "");
    Dialog.addString("Input: active, an image file or a folder", "active", 40);
    Dialog.addString("Output (empty: open as a new image)", "", 40);
    Dialog.addNumber("Tile size (0 = automatic)", 0);
    Dialog.addChoice("Device", newArray("auto", "cpu", "cuda"), "auto");
    Dialog.addCheckbox("Test-time augmentation", false);
    Dialog.addString("Further inputs (ID=open image or path, comma-separated)", "", 40);
    Dialog.show();
    model = Dialog.getString();
    input = Dialog.getString();
    output = Dialog.getString();
    tile = "" + Dialog.getNumber();
    if (tile == "0") tile = "";
    device = Dialog.getChoice();
    tta = Dialog.getCheckbox();
    inputs = Dialog.getString();
} else {
    model = option(args, "model,model_path,package", "");
    input = option(args, "input,input_path,image", "active");
    output = option(args, "output,output_path,out", "");
    tile = option(args, "tile", "");
    device = option(args, "device", "auto");
    tta = hasFlag(args, "tta");
    inputs = option(args, "inputs", "");
}
if (model == "") fail("MZB Predict: model= is required (a package .zip or folder)");

if (input == "active" && nImages == 0) fail("MZB Predict: input=active, but no image is open");
// (the macro language compares strings only inside conditions)
opensResult = true;
if (input != "active") opensResult = !File.isDirectory(input);
if (output == "" && !opensResult) fail("MZB Predict: output= is required for a folder input");

temp = runHost("tempdir");
if (input == "active") {
    title = getTitle();
    inputFile = temp + File.separator + "input.tif";
    saveCopy(inputFile);
} else {
    title = File.getName(input);
    inputFile = input;
}
target = output;
if (target == "") target = temp + File.separator + "output.tif";

request = "predict\n--model\n" + model + "\n--input\n" + inputFile + "\n--output\n" + target + "\n--device\n" + device;
if (tile != "") request = request + "\n--tile\n" + tile;
if (tta) request = request + "\n--tta";
request = request + furtherInputs(inputs, temp);
result = runHost(request);
if (!startsWith(result, "0\n")) {
    removeFolder(temp);
    exit;
}
if (!opensResult) {
    removeFolder(temp);
    return target;
}
if (!File.exists(target)) {
    removeFolder(temp);
    fail("MZB Predict: the host reported success but wrote no " + target);
}
open(target);
if (output == "") rename("mzb-" + title);
removeFolder(temp);
return getTitle();

// "\n--input\nID=PATH" for every ID=VALUE of inputs=, open images saved into the temporary folder first.
function furtherInputs(inputs, temp) {
    request = "";
    if (inputs == "") return request;
    entries = split(inputs, ",");
    for (i = 0; i < entries.length; i++) {
        entry = String.trim(entries[i]);
        at = indexOf(entry, "=");
        if (at < 1) fail("MZB Predict: inputs= takes ID=image title or path entries, not '" + entry + "'");
        id = substring(entry, 0, at);
        value = substring(entry, at + 1);
        if (isOpen(value)) {
            file = temp + File.separator + "input-" + id + ".tif";
            previous = getImageID();
            selectImage(value);
            saveCopy(file);
            selectImage(previous);
            value = file;
        }
        request = request + "\n--input\n" + id + "=" + value;
    }
    return request;
}

// Saves the active image whole (Duplicate would crop to a selection) and gives the selection back.
function saveCopy(file) {
    selected = selectionType() != -1;
    if (selected) run("Select None");
    run("Duplicate...", "title=mzb-input duplicate");
    saveAs("Tiff", file);
    close();
    if (selected) run("Restore Selection");
}

function removeFolder(folder) {
    files = getFileList(folder);
    for (i = 0; i < files.length; i++) deleted = File.delete(folder + File.separator + files[i]);
    deleted = File.delete(folder);
}

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
