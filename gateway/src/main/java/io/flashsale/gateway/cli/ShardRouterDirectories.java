package io.flashsale.gateway.cli;

import java.io.File;

import io.flashsale.cluster.LocalMembers;

/**
 * Where a cluster gateway's own media driver lives: beside the members' ones (/dev/shm when present), one directory
 * per gateway process.
 */
final class ShardRouterDirectories
{
    private ShardRouterDirectories()
    {
    }

    /**
     * @return this process's gateway media driver directory.
     */
    static String gatewayAeronDirectory()
    {
        return new File(LocalMembers.defaultRoot(), "flashsale-gateway-" + ProcessHandle.current().pid()).getPath();
    }
}
