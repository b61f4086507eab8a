package io.flashsale.gateway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where a generated admin token goes: a file only its owner may read ({@code rw-------}), never standard output or a
 * log, so a captured log never holds it. The file is created with those permissions (no moment where others could
 * read it) and replaces any earlier one atomically.
 */
public final class AdminTokenFile
{
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AdminTokenFile()
    {
    }

    /**
     * @param file  where to write; its directory is created if missing.
     * @param token the token.
     * @return the file's absolute path.
     * @throws IOException if it cannot be written.
     */
    public static Path write(final Path file, final String token) throws IOException
    {
        final Path target = file.toAbsolutePath();
        final Path directory = target.getParent();
        Files.createDirectories(directory);
        final Path temporary = Files.createTempFile(directory, ".admin-token", ".tmp",
            PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try
        {
            Files.writeString(temporary, token + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        finally
        {
            Files.deleteIfExists(temporary);
        }
        return target;
    }
}
