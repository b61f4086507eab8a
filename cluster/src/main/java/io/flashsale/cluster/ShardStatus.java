package io.flashsale.cluster;

/**
 * What a gateway's router knows of one shard at a moment.
 *
 * @param shard            the shard.
 * @param connected        true while the router has a session with the shard's leader.
 * @param leaderMemberId   the leader as last announced to the router, or -1 if none yet.
 * @param leadershipTermId the leader's term, or -1.
 * @param newLeaderEvents  leader changes the router heard of since start.
 * @param connects         sessions the router opened with the shard since start.
 * @param inFlight         commands sent to the shard and not answered yet.
 * @param answered         results the shard returned.
 * @param resent           commands sent again (new leader, reconnect, no answer within the resend interval).
 * @param unavailable      commands answered UNAVAILABLE after the bound.
 */
public record ShardStatus(
    int shard,
    boolean connected,
    int leaderMemberId,
    long leadershipTermId,
    long newLeaderEvents,
    long connects,
    long inFlight,
    long answered,
    long resent,
    long unavailable)
{
}
