package io.laurel.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/**
 * Development secrets kept under the data directory when production ones are not configured: created once, readable
 * only by the owner, and shared by every instance that uses the same directory.
 */
public final class SecretFiles {

    private static final Logger LOG = Logger.getLogger(SecretFiles.class);

    /** The setting that allows generated keys, as an environment variable ({@code laurel.allow-generated-keys}). */
    public static final String ALLOW_GENERATED_KEYS = "LAUREL_ALLOW_GENERATED_KEYS";

    private SecretFiles() {
    }

    /**
     * The key generated once into {@code file}, when the settings allow generated keys; else the refusal to start,
     * which says what to configure ({@code missing}: what is not configured and how to configure it).
     */
    public static String generatedKey(LaurelConfig config, Path file, Supplier<String> create, String missing) {
        if (!config.allowGeneratedKeys()) {
            throw new IllegalStateException(missing + ". A key generated into the data directory works for one "
                    + "instance only; to use one anyway, set " + ALLOW_GENERATED_KEYS + "=true");
        }
        return loadOrCreate(file, create);
    }

    /** The file's content, after writing {@code create}'s content there if the file does not exist yet. */
    private static String loadOrCreate(Path file, Supplier<String> create) {
        try {
            if (!Files.exists(file)) {
                createPrivateDirectories(file.getParent());
                Path temp = Files.createTempFile(file.getParent(), "secret", ".tmp");
                try {
                    restrictToOwner(temp);
                    Files.writeString(temp, create.get());
                    // No replace: when two instances start together, the first file written is the one both use.
                    Files.move(temp, file);
                    LOG.warnf("No secret configured: generated %s. Configure one in production.", file);
                } catch (FileAlreadyExistsException e) {
                    Files.deleteIfExists(temp);
                }
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the secret " + file, e);
        }
    }

    /** Creates the missing directories of {@code dir} readable by the owner only (0700). */
    private static void createPrivateDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return;
        }
        createPrivateDirectories(absolute.getParent());
        try {
            Files.createDirectory(absolute);
            Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rwx------"));
        } catch (FileAlreadyExistsException e) {
            // created meanwhile by another instance
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system.
        }
    }

    private static void restrictToOwner(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system; the directory's own permissions apply.
        }
    }
}
