package org.onosdvr.ovsdb.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.json.JsonObjectDecoder;
import org.junit.Before;
import org.junit.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * JSON-RPC framing and codec: messages split and glued arbitrarily on the stream, braces inside strings, the
 * three message kinds, encoding, and what happens to input that is not JSON or not JSON-RPC.
 */
public class JsonRpcCodecTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private EmbeddedChannel ch;

    @Before
    public void setUp() {
        ch = new EmbeddedChannel(new JsonObjectDecoder(1 << 20), new JsonRpcDecoder(MAPPER),
                                 new JsonRpcEncoder(MAPPER));
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private JsonRpcMessage read() {
        return ch.readInbound();
    }

    @Test
    public void messagesGluedAndSplitAnywhereDecodeInOrder() {
        String echo = "{\"id\":\"echo\",\"method\":\"echo\",\"params\":[]}";
        String update = "{\"id\":null,\"method\":\"update\",\"params\":[\"dvr\",{\"Bridge\":{}}]}";
        String reply = "{\"id\":7,\"result\":{\"x\":\"a } { \\\" b\"},\"error\":null}";
        String stream = echo + update + "\n" + reply;
        for (int cut = 1; cut < stream.length(); cut += 7) {
            ch.writeInbound(text(stream.substring(0, cut)));
            ch.writeInbound(text(stream.substring(cut)));
            JsonRpcMessage a = read();
            JsonRpcMessage b = read();
            JsonRpcMessage c = read();
            assertEquals(JsonRpcMessage.Kind.REQUEST, a.kind());
            assertEquals("echo", a.method());
            assertEquals(TextNode.valueOf("echo"), a.id());
            assertEquals(JsonRpcMessage.Kind.NOTIFICATION, b.kind());
            assertEquals("update", b.method());
            assertEquals("dvr", b.params().get(0).asText());
            assertEquals(JsonRpcMessage.Kind.RESPONSE, c.kind());
            assertEquals(7, c.id().asInt());
            assertEquals("a } { \" b", c.result().get("x").asText());
            assertFalse(c.isError());
            assertNull(read());
        }
    }

    @Test
    public void errorResponse() {
        ch.writeInbound(text("{\"id\":3,\"result\":null,\"error\":\"unknown database\"}"));
        JsonRpcMessage m = read();
        assertTrue(m.isError());
        assertEquals("unknown database", m.error().asText());
    }

    @Test
    public void encodesRequestsAndResponsesWithEveryMember() throws Exception {
        ch.writeOutbound(JsonRpcMessage.request(IntNode.valueOf(5), "transact",
                                                JsonNodeFactory.instance.arrayNode().add("Open_vSwitch")));
        ch.writeOutbound(JsonRpcMessage.response(TextNode.valueOf("echo"), JsonNodeFactory.instance.arrayNode()));
        JsonNode req = MAPPER.readTree(((ByteBuf) ch.readOutbound()).toString(StandardCharsets.UTF_8));
        assertEquals(MAPPER.readTree("{\"method\":\"transact\",\"params\":[\"Open_vSwitch\"],\"id\":5}"), req);
        JsonNode resp = MAPPER.readTree(((ByteBuf) ch.readOutbound()).toString(StandardCharsets.UTF_8));
        assertEquals(MAPPER.readTree("{\"id\":\"echo\",\"result\":[],\"error\":null}"), resp);
    }

    @Test
    public void roundTrip() {
        EmbeddedChannel out = new EmbeddedChannel(new JsonRpcEncoder(MAPPER));
        JsonRpcMessage sent = JsonRpcMessage.request(IntNode.valueOf(1), "monitor",
                JsonNodeFactory.instance.arrayNode().add("Open_vSwitch").add("dvr"));
        out.writeOutbound(sent);
        ch.writeInbound((ByteBuf) out.readOutbound());
        assertEquals(sent.toJson(), read().toJson());
    }

    @Test
    public void jsonThatIsNotJsonRpcIsDropped() {
        ch.writeInbound(text("{\"hello\":1}{\"id\":1,\"result\":[],\"error\":null}"));
        JsonRpcMessage m = read();
        assertEquals(JsonRpcMessage.Kind.RESPONSE, m.kind());
        assertNull(read());
    }

    @Test
    public void textThatIsNotJsonFailsTheChannel() {
        try {
            ch.writeInbound(text("{\"id\":1,\"result\":[tru]}"));
            ch.checkException();
            fail("expected a decoder exception");
        } catch (DecoderException expected) {
            // the handler closes the connection on this
        }
    }

    @Test(expected = IllegalArgumentException.class)
    public void aRequestNeedsAnId() {
        JsonRpcMessage.request(null, "echo", JsonNodeFactory.instance.arrayNode());
    }
}
