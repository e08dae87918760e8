package io.zkml.workbench.samples;

import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.data.DatasetException;
import io.zkml.workbench.data.IdxReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Fashion-MNIST (Zalando Research, MIT licence): 60,000 training and 10,000 test images of 28 × 28
 * grey pixels (0–255) in ten clothing classes, read from the four gzipped IDX files. The files are
 * too large to bundle in the jar (30 MB), so they are looked for where the project and Debian keep
 * them; the test images the samples are scored on in the workbench are committed as a CSV.
 */
public final class FashionMnist {

    public static final int SIDE = 28;

    public static final List<String> CLASSES = List.of("t_shirt_top", "trouser", "pullover", "dress", "coat",
            "sandal", "shirt", "sneaker", "bag", "ankle_boot");

    public static final List<String> FEATURES = IdxReader.pixelNames(SIDE, SIDE);

    /**
     * Where the files are looked for when no folder is given: the project's shared dataset folder
     * (seen from a worktree or clone beside it) and Debian's {@code dataset-fashion-mnist} package.
     */
    static final List<Path> DEFAULT_FOLDERS = List.of(Path.of("../shared/datasets/fashion-mnist"),
            Path.of("/usr/share/datasets/fashion-mnist"));

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    private FashionMnist() {
    }

    /** The folder given, or the first default folder holding the training images. */
    static Path locate(Optional<Path> folder) throws DatasetException {
        if (folder.isPresent()) {
            Path f = folder.get();
            if (!Files.isRegularFile(f.resolve(TRAIN_IMAGES))) {
                throw new DatasetException(f.resolve(TRAIN_IMAGES), 0, null, "Fashion-MNIST not found in " + f
                        + "; give the folder holding the four IDX files (" + TRAIN_IMAGES + ", …)");
            }
            return f;
        }
        return DEFAULT_FOLDERS.stream().filter(f -> Files.isRegularFile(f.resolve(TRAIN_IMAGES))).findFirst()
                .orElseThrow(() -> new DatasetException(null, 0, null, "Fashion-MNIST (" + TRAIN_IMAGES
                        + " and the three other IDX files) was not found in " + DEFAULT_FOLDERS
                        + "; install Debian's dataset-fashion-mnist package or give the folder with"
                        + " `train-samples --fashion-mnist DIR`"));
    }

    /** The published split, unchanged: 60,000 training images, 10,000 test images, in file order. */
    static TrainTestSplit read(Path folder) throws DatasetException {
        IdxReader idx = new IdxReader();
        Dataset train = idx.readClassification(folder.resolve(TRAIN_IMAGES), folder.resolve(TRAIN_LABELS), CLASSES);
        Dataset test = idx.readClassification(folder.resolve(TEST_IMAGES), folder.resolve(TEST_LABELS), CLASSES);
        return new TrainTestSplit(train, test);
    }
}
