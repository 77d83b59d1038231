package org.onosdvr.openflow.channel;

import org.onosdvr.openflow.channel.OpenFlowRequestException.Kind;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Requests waiting for their reply, by xid. A multipart request completes with every part once the part without
 * REPLY_MORE arrives; an ERROR, an undecodable reply, a timeout or a disconnect with its xid fails it. Futures are
 * completed on the callback executor, never on the I/O thread.
 */
final class PendingRequests {

    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Executor callbacks;

    PendingRequests(Executor callbacks) {
        this.callbacks = callbacks;
    }

    /**
     * Registers a request before it is sent.
     *
     * @param xid       its xid
     * @param what      short description for errors
     * @param scheduler where the timeout runs
     * @param timeoutMs timeout
     * @return future of the replies
     */
    CompletableFuture<List<OFMessage>> register(long xid, String what, ScheduledExecutorService scheduler,
                                                long timeoutMs) {
        Pending p = new Pending(what);
        if (pending.putIfAbsent(xid, p) != null) {
            throw new IllegalStateException("xid " + xid + " already has a pending request");
        }
        p.timeout = scheduler.schedule(() -> fail(xid, new OpenFlowRequestException(
                Kind.TIMEOUT, xid, what + ": no reply within " + timeoutMs + " ms", null, null)),
                                       timeoutMs, TimeUnit.MILLISECONDS);
        return p.future;
    }

    /**
     * Offers a reply.
     *
     * @param msg a message from the switch
     * @return true if it belonged to a pending request
     */
    boolean reply(OFMessage msg) {
        long xid = msg.getXid();
        Pending p = pending.get(xid);
        if (p == null) {
            return false;
        }
        p.replies.add(msg);
        boolean more = msg instanceof OFStatsReply
                && ((OFStatsReply) msg).getFlags().contains(OFStatsReplyFlags.REPLY_MORE);
        if (!more && pending.remove(xid, p)) {
            p.cancelTimeout();
            List<OFMessage> replies = List.copyOf(p.replies);
            run(() -> p.future.complete(replies));
        }
        return true;
    }

    /**
     * Fails the request with an error's xid.
     *
     * @param error the switch's error
     * @return true if a request was failed
     */
    boolean error(SwitchError error) {
        return fail(error.xid(), new OpenFlowRequestException(
                Kind.SWITCH_ERROR, error.xid(), describe(error.xid()) + ": switch error " + error.name(),
                error, null));
    }

    /**
     * Fails the request whose reply could not be decoded.
     *
     * @param msg the undecodable reply
     * @return true if a request was failed
     */
    boolean undecodable(UndecodableMessage msg) {
        return fail(msg.xid(), new OpenFlowRequestException(
                Kind.UNDECODABLE_REPLY, msg.xid(), describe(msg.xid()) + ": undecodable reply (type " + msg.type()
                + ", " + msg.raw().length + " bytes): " + msg.cause().getMessage(), null, msg.cause()));
    }

    /**
     * Fails every pending request (the channel closed).
     *
     * @param reason detail message
     */
    void failAll(String reason) {
        for (Long xid : List.copyOf(pending.keySet())) {
            fail(xid, new OpenFlowRequestException(Kind.DISCONNECTED, xid, describe(xid) + ": " + reason,
                                                   null, null));
        }
    }

    /**
     * Whether a request with this xid is pending.
     *
     * @param xid xid
     * @return true if pending
     */
    boolean contains(long xid) {
        return pending.containsKey(xid);
    }

    /**
     * Number of pending requests.
     *
     * @return count
     */
    int size() {
        return pending.size();
    }

    private boolean fail(long xid, OpenFlowRequestException e) {
        Pending p = pending.remove(xid);
        if (p == null) {
            return false;
        }
        p.cancelTimeout();
        run(() -> p.future.completeExceptionally(e));
        return true;
    }

    private void run(Runnable r) {
        try {
            callbacks.execute(r);
        } catch (RejectedExecutionException e) {
            // controller stopping: complete here rather than leave the caller hanging
            r.run();
        }
    }

    private String describe(long xid) {
        Pending p = pending.get(xid);
        return (p == null ? "request" : p.what) + " xid=" + xid;
    }

    private static final class Pending {
        private final String what;
        private final CompletableFuture<List<OFMessage>> future = new CompletableFuture<>();
        private final List<OFMessage> replies = new ArrayList<>();
        private volatile ScheduledFuture<?> timeout;

        private Pending(String what) {
            this.what = what;
        }

        private void cancelTimeout() {
            ScheduledFuture<?> t = timeout;
            if (t != null) {
                t.cancel(false);
            }
        }
    }
}
