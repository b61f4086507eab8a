package io.flashsale.engine.journal;

import java.nio.file.Path;

/**
 * Where an engine instance keeps its files inside its data directory: the one place the names are spelt.
 * <pre>
 *   DIR/node.lock      the node's exclusive lock ({@link DataDirectoryLock})
 *   DIR/journal/       the Chronicle Queue journal
 *   DIR/snapshots/     snapshots of the state
 * </pre>
 */
public final class DataDirectoryLayout
{
    private DataDirectoryLayout()
    {
    }

    /**
     * @param dataDirectory an engine's data directory.
     * @return its journal (Chronicle Queue) directory.
     */
    public static Path journal(final Path dataDirectory)
    {
        return dataDirectory.resolve("journal");
    }

    /**
     * @param dataDirectory an engine's data directory.
     * @return its snapshot directory.
     */
    public static Path snapshots(final Path dataDirectory)
    {
        return dataDirectory.resolve("snapshots");
    }
}
