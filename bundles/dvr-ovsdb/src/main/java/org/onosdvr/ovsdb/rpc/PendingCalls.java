package org.onosdvr.ovsdb.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Our outstanding requests on one connection, by id: a response completes the call's future with its result (or
 * fails it with {@link OvsdbRpcException.Kind#ERROR}); a call not answered in time fails with {@code TIMEOUT};
 * {@link #failAll(String)} fails the rest with {@code DISCONNECTED}. Futures complete on the given executor, never
 * on the I/O thread, so callers may block in their callbacks.
 */
public final class PendingCalls {

    private final Map<Long, Call> calls = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final ScheduledExecutorService timer;
    private final Executor completions;
    private final long timeoutMs;

    /**
     * @param timer       schedules the timeouts (the channel's event loop)
     * @param completions runs the future completions
     * @param timeoutMs   time to wait for a response
     */
    public PendingCalls(ScheduledExecutorService timer, Executor completions, long timeoutMs) {
        this.timer = timer;
        this.completions = completions;
        this.timeoutMs = timeoutMs;
    }

    /**
     * Registers a new call.
     *
     * @param method method name, for error messages
     * @return the id to send and the future of its result
     */
    public Registered register(String method) {
        long id = nextId.getAndIncrement();
        Call call = new Call(method);
        calls.put(id, call);
        call.timeout = timer.schedule(() -> fail(id, OvsdbRpcException.Kind.TIMEOUT,
                                                 method + " not answered within " + timeoutMs + " ms"),
                                      timeoutMs, TimeUnit.MILLISECONDS);
        return new Registered(LongNode.valueOf(id), call.future);
    }

    /**
     * Completes the call a response answers.
     *
     * @param response a response
     * @return false if no call of ours has that id (late or foreign response)
     */
    public boolean complete(JsonRpcMessage response) {
        JsonNode id = response.id();
        if (!id.canConvertToLong()) {
            return false;
        }
        Call call = calls.remove(id.asLong());
        if (call == null) {
            return false;
        }
        call.cancelTimeout();
        if (response.isError()) {
            String what = call.method + " failed: " + response.error();
            completions.execute(() -> call.future.completeExceptionally(
                    new OvsdbRpcException(OvsdbRpcException.Kind.ERROR, what)));
        } else {
            completions.execute(() -> call.future.complete(response.result()));
        }
        return true;
    }

    /**
     * Fails every outstanding call with {@code DISCONNECTED}.
     *
     * @param why reason, for the exception message
     */
    public void failAll(String why) {
        for (Long id : calls.keySet()) {
            fail(id, OvsdbRpcException.Kind.DISCONNECTED, why);
        }
    }

    /** @return number of calls waiting for a response */
    public int size() {
        return calls.size();
    }

    private void fail(long id, OvsdbRpcException.Kind kind, String why) {
        Call call = calls.remove(id);
        if (call != null) {
            call.cancelTimeout();
            completions.execute(() -> call.future.completeExceptionally(new OvsdbRpcException(kind, why)));
        }
    }

    /** The id to put in the request and the future its response completes. */
    public static final class Registered {
        private final JsonNode id;
        private final CompletableFuture<JsonNode> future;

        private Registered(JsonNode id, CompletableFuture<JsonNode> future) {
            this.id = id;
            this.future = future;
        }

        public JsonNode id() {
            return id;
        }

        public CompletableFuture<JsonNode> future() {
            return future;
        }
    }

    private static final class Call {
        private final String method;
        private final CompletableFuture<JsonNode> future = new CompletableFuture<>();
        private volatile ScheduledFuture<?> timeout;

        private Call(String method) {
            this.method = method;
        }

        private void cancelTimeout() {
            ScheduledFuture<?> t = timeout;
            if (t != null) {
                t.cancel(false);
            }
        }
    }
}
