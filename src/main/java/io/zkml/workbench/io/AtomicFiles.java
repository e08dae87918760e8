package io.zkml.workbench.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Writes files so that a crash or a full disk never leaves a half-written file behind: the
 * bytes go to a temporary file in the same folder, are flushed to the disk, and the temporary
 * file then replaces the target in one move (and the folder is flushed too, so the move itself
 * survives a power cut).
 *
 * <p>Replacing a file keeps what the user set on it: a symbolic link stays a link and the file it
 * points to is the one replaced; the file's POSIX permissions (e.g. a group-writable 0664 project)
 * carry over; a new file gets the mode the user's umask gives any new file, not a temp file's 0600.
 */
public final class AtomicFiles {

    /** Symbolic links followed at most this deep (the same bound as Linux's ELOOP). */
    private static final int MAX_LINKS = 40;

    private AtomicFiles() {
    }

    public static void writeString(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] bytes) {
        try {
            replace(target, out -> out.write(ByteBuffer.wrap(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Copies {@code source} to {@code target} the same way: a temporary copy beside the target, then one move. */
    public static void copy(Path source, Path target) {
        try {
            replace(target, out -> {
                try (InputStream in = Files.newInputStream(source)) {
                    in.transferTo(Channels.newOutputStream(out));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private interface Content {
        void writeTo(FileChannel out) throws IOException;
    }

    private static void replace(Path target, Content content) throws IOException {
        Path real = followLinks(target);
        Path dir = real.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + real.getFileName() + "." + HexFormat.of().formatHex(randomBytes()) + ".tmp");
        try {
            // CREATE_NEW without explicit attributes: the new file gets the umask's mode, like any new file.
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(out);
                out.force(true);
            }
            keepPermissions(real, tmp);
            move(tmp, real);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The file a (chain of) symbolic link(s) points to, existing or not; the path itself otherwise. */
    static Path followLinks(Path target) throws IOException {
        Path p = target.toAbsolutePath();
        for (int i = 0; Files.isSymbolicLink(p); i++) {
            if (i >= MAX_LINKS) {
                throw new FileSystemException(target.toString(), null, "too many levels of symbolic links");
            }
            p = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
        }
        return p;
    }

    private static void keepPermissions(Path existing, Path tmp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(existing, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null || !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<PosixFilePermission> mode = view.readAttributes().permissions();
        Files.setPosixFilePermissions(tmp, mode);
    }

    /** Makes the rename durable; a folder cannot be opened for sync on every system (Windows), which is fine. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here; the file's own fsync already happened
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
