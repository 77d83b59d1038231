package org.onosdvr.openflow.translate;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static org.onosdvr.openflow.translate.OfCodecs.OF13;

/**
 * A minimal blocking OpenFlow 1.3 client for tests: length-prefixed framing over a plain socket, openflowj for
 * encoding/decoding. ERROR messages are collected from the raw bytes (openflowj drops Nicira errors), so a
 * rejected rule can never look accepted. Not the runtime's channel.
 */
final class RawOfConnection implements AutoCloseable {

    private static final int OFPT_ERROR = 1;
    private static final int HEADER = 8;
    private static final int CONNECT_ATTEMPTS = 50;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final List<String> errors = new ArrayList<>();

    private RawOfConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawOfConnection connect(int port) throws IOException, InterruptedException {
        IOException last = null;
        for (int i = 0; i < CONNECT_ATTEMPTS; i++) {
            try {
                RawOfConnection connection = new RawOfConnection(new Socket("127.0.0.1", port));
                connection.send(OF13.buildHello().setXid(OF13.nextXid()).build());
                OFMessage hello = connection.receive();
                if (!(hello instanceof OFHello)) {
                    throw new IOException("expected HELLO, got " + hello);
                }
                return connection;
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IOException("cannot connect to the switch on port " + port, last);
    }

    void send(OFMessage message) throws IOException {
        out.write(OfCodecs.bytes(message));
        out.flush();
    }

    /** Receives the next message; error messages are recorded and returned as null. */
    OFMessage receive() throws IOException {
        byte[] header = new byte[HEADER];
        in.readFully(header);
        int length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        byte[] message = new byte[length];
        System.arraycopy(header, 0, message, 0, HEADER);
        in.readFully(message, HEADER, length - HEADER);
        if (message[1] == OFPT_ERROR) {
            errors.add(describeError(message));
            return null;
        }
        try {
            OFMessage parsed = OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(message));
            if (parsed instanceof OFEchoRequest) {
                send(OF13.buildEchoReply().setXid(parsed.getXid())
                        .setData(((OFEchoRequest) parsed).getData()).build());
            }
            return parsed;
        } catch (OFParseError e) {
            throw new IOException("openflowj cannot parse message type " + message[1], e);
        }
    }

    private static String describeError(byte[] message) {
        ByteBuf buf = Unpooled.wrappedBuffer(message);
        long xid = buf.getUnsignedInt(4);
        int type = buf.getUnsignedShort(8);
        int code = buf.getUnsignedShort(10);
        if (type == 0xffff) {
            long experimenter = buf.getUnsignedInt(12);
            return String.format("xid %d: experimenter error 0x%x type %d", xid, experimenter, code);
        }
        return String.format("xid %d: error type %d code %d", xid, type, code);
    }

    /** Sends a barrier and reads until its reply; returns the errors seen meanwhile (and clears them). */
    List<String> barrier() throws IOException {
        long xid = OF13.nextXid();
        send(OF13.buildBarrierRequest().setXid(xid).build());
        while (true) {
            OFMessage message = receive();
            if (message instanceof OFBarrierReply && message.getXid() == xid) {
                List<String> seen = new ArrayList<>(errors);
                errors.clear();
                return seen;
            }
        }
    }

    /** Reads all flows through a FLOW stats multipart request. */
    List<OFFlowStatsEntry> flowStats() throws IOException {
        var request = FlowStatsDecoder.allFlowsRequest(OF13);
        send(request);
        List<OFFlowStatsEntry> entries = new ArrayList<>();
        while (true) {
            OFMessage message = receive();
            if (message == null) {
                throw new IOException("switch answered the flow stats request with an error: " + errors);
            }
            if (message instanceof OFFlowStatsReply && message.getXid() == request.getXid()) {
                OFFlowStatsReply reply = (OFFlowStatsReply) message;
                entries.addAll(reply.getEntries());
                if (!reply.getFlags().contains(OFStatsReplyFlags.REPLY_MORE)) {
                    return entries;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
