package org.onosdvr.ovsdb.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Responses by id complete the right call; errors, timeouts and disconnects fail calls with their kind.
 */
public class PendingCallsTest {

    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final PendingCalls calls = new PendingCalls(loop.eventLoop(), Runnable::run, 1_000);

    private static OvsdbRpcException.Kind failure(CompletableFuture<JsonNode> f) throws InterruptedException {
        try {
            f.get();
            fail("expected a failure");
            return null;
        } catch (ExecutionException e) {
            return ((OvsdbRpcException) e.getCause()).kind();
        }
    }

    @Test
    public void responsesCompleteTheirCall() throws Exception {
        PendingCalls.Registered a = calls.register("echo");
        PendingCalls.Registered b = calls.register("transact");
        assertTrue(calls.complete(JsonRpcMessage.response(IntNode.valueOf(b.id().asInt()), TextNode.valueOf("B"))));
        assertEquals("B", b.future().get().asText());
        assertFalse(a.future().isDone());
        assertFalse("a second response to the same id", calls.complete(
                JsonRpcMessage.response(b.id(), TextNode.valueOf("again"))));
        assertFalse("foreign id", calls.complete(JsonRpcMessage.response(TextNode.valueOf("echo"),
                                                                         TextNode.valueOf("x"))));
        assertTrue(calls.complete(JsonRpcMessage.errorResponse(a.id(), TextNode.valueOf("unknown method"))));
        assertEquals(OvsdbRpcException.Kind.ERROR, failure(a.future()));
        assertEquals(0, calls.size());
    }

    @Test
    public void unansweredCallsTimeOut() throws Exception {
        PendingCalls.Registered a = calls.register("monitor");
        loop.advanceTimeBy(999, TimeUnit.MILLISECONDS);
        loop.runScheduledPendingTasks();
        assertFalse(a.future().isDone());
        loop.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        loop.runScheduledPendingTasks();
        assertEquals(OvsdbRpcException.Kind.TIMEOUT, failure(a.future()));
        assertFalse("late response", calls.complete(JsonRpcMessage.response(a.id(), TextNode.valueOf("late"))));
    }

    @Test
    public void disconnectFailsEveryCall() throws Exception {
        PendingCalls.Registered a = calls.register("monitor");
        PendingCalls.Registered b = calls.register("transact");
        calls.failAll("closed");
        assertEquals(OvsdbRpcException.Kind.DISCONNECTED, failure(a.future()));
        assertEquals(OvsdbRpcException.Kind.DISCONNECTED, failure(b.future()));
        loop.advanceTimeBy(2, TimeUnit.SECONDS);
        loop.runScheduledPendingTasks();
        assertEquals(0, calls.size());
    }
}
