// ModelZooBridge › Train: train a network on images and labels, then export it as a bioimage.io package.
//
// Arguments: images=DIR  labels=DIR   training images and their label images (same file names)
//            arch=unet2d|unet3d|unet3d-aniso
//            out=DIR                  the run folder (checkpoints, logs); the package is written to DIR/model.zip
//                                     aliases: output, run
//            minutes=M | epochs=N     how long to train: wall-clock minutes or a number of epochs (one is required)
//            depth=N filters=N patch=N|ZxYxX batch=N steps_per_epoch=N
//                                     optional network and sampling settings (default: the host's)
// With no arguments a dialog asks for them. Returns the package path; on failure the host's error goes to the
// Log and the macro aborts. Training runs in the host, so ImageJ stays responsive only between macro steps.

args = macroArguments();
if (args == "") {
    Dialog.create("ModelZooBridge Train");
    Dialog.addDirectory("Images folder", "");
    Dialog.addDirectory("Labels folder", "");
    Dialog.addChoice("Architecture", newArray("unet2d", "unet3d", "unet3d-aniso"), "unet2d");
    Dialog.addDirectory("Run folder (output)", "");
    Dialog.addNumber("Minutes", 30);
    Dialog.show();
    images = Dialog.getString();
    labels = Dialog.getString();
    arch = Dialog.getChoice();
    out = Dialog.getString();
    trainOptions = "minutes=" + Dialog.getNumber();
} else {
    images = option(args, "images", "");
    labels = option(args, "labels", "");
    arch = option(args, "arch,architecture", "unet2d");
    out = option(args, "out,output,run", "");
    trainOptions = args;
}
if (images == "" || labels == "" || out == "") fail("MZB Train: images=DIR, labels=DIR and out=DIR are required");
// Read into variables first: ImageJ 1.53t hangs when a user function is called inside this condition.
minutes = option(trainOptions, "minutes", "");
epochs = option(trainOptions, "epochs", "");
if (minutes == "" && epochs == "") fail("MZB Train: minutes=M or epochs=N is required");

request = "train\n--images\n" + images + "\n--labels\n" + labels + "\n--arch\n" + arch + "\n--out\n" + out;
// Macro key, host option: each given key is passed on as its option.
hostOptions = newArray("minutes", "--minutes", "epochs", "--epochs", "depth", "--depth", "filters", "--filters", "patch", "--patch",
                    "batch", "--batch", "steps_per_epoch", "--steps-per-epoch");
for (i = 0; i < hostOptions.length; i += 2) {
    value = option(trainOptions, hostOptions[i], "");
    if (value != "") request = request + "\n" + hostOptions[i + 1] + "\n" + value;
}
print("MZB Train: training " + arch + " into " + out + " ...");
if (!startsWith(runHost(request), "0\n")) exit;
package = out + File.separator + "model.zip";
if (!startsWith(runHost("export\n" + out + "\n--out\n" + package), "0\n")) exit;
print("MZB Train: package written to " + package);
return package;

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
