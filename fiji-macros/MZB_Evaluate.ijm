// ModelZooBridge › Evaluate: score predictions against ground truth into a Results table.
//
// Arguments: prediction=PATH  truth=PATH   two images, or two folders matched by file name without extension
//            classes=a,b,...               class names in label order (optional)
//            ignore=V                      truth value whose pixels are not counted (optional)
// Rows: one per image and class, then "overall" (summed confusion matrices) and, for folders,
// "mean-over-images"; columns Image, Class, IoU, Dice, Precision, Recall, PixelAccuracy (NaN where undefined).
// The Results table is replaced. Returns the number of rows; on failure the host's error goes to the Log and
// the macro aborts.

args = macroArguments();
if (args == "") {
    Dialog.create("ModelZooBridge Evaluate");
    Dialog.addFile("Prediction (image or folder)", "");
    Dialog.addFile("Ground truth (image or folder)", "");
    Dialog.addString("Class names (optional, comma-separated)", "", 30);
    Dialog.show();
    prediction = Dialog.getString();
    truth = Dialog.getString();
    classes = Dialog.getString();
    ignore = "";
} else {
    prediction = option(args, "prediction,predictions", "");
    truth = option(args, "truth,labels,ground_truth", "");
    classes = option(args, "classes", "");
    ignore = option(args, "ignore", "");
}
if (prediction == "" || truth == "") fail("MZB Evaluate: prediction=PATH and truth=PATH are required");

request = "evaluate\n--prediction\n" + prediction + "\n--truth\n" + truth + "\n--tsv";
if (classes != "") request = request + "\n--classes\n" + classes;
if (ignore != "") request = request + "\n--ignore\n" + ignore;
result = runHost(request);
if (!startsWith(result, "0\n")) exit;
rows = split(String.trim(substring(result, 2)), "\n");
columns = newArray("Image", "Class", "IoU", "Dice", "Precision", "Recall", "PixelAccuracy");
run("Clear Results");
for (r = 1; r < rows.length; r++) {
    cells = split(rows[r], "\t");
    setResult(columns[0], r - 1, cells[0]);
    setResult(columns[1], r - 1, cells[1]);
    for (c = 2; c < columns.length; c++) setResult(columns[c], r - 1, parseFloat(cells[c]));
}
updateResults();
return "" + nResults;

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
