package org.onosdvr.openflow.channel;

import io.netty.buffer.Unpooled;
import org.junit.Test;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;

import java.nio.ByteBuffer;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Decoding of experimenter (Nicira) ERROR messages that openflowj rejects.
 */
public class ExperimenterErrorTest {

    /**
     * Builds an OpenFlow 1.3 Nicira error the way Open vSwitch encodes it.
     */
    static byte[] niciraError(long xid, int code, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(16 + data.length);
        b.put((byte) 4).put((byte) 1).putShort((short) (16 + data.length)).putInt((int) xid);
        b.putShort((short) 0xffff).putShort((short) code).putInt(0x2320).put(data);
        return b.array();
    }

    @Test
    public void openflowjRejectsNiciraErrors() {
        try {
            OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(niciraError(5, 37, new byte[0])));
            fail("openflowj now decodes Nicira errors: the raw decoder may be unnecessary");
        } catch (OFParseError e) {
            assertTrue(e.getMessage().contains("experimenter"));
        }
    }

    @Test
    public void decodesNiciraError() {
        byte[] data = {4, 14, 0, 8, 0, 0, 0, 9};
        ExperimenterError e = ExperimenterError.decode(niciraError(0xfffffff0L, 37, data));
        assertEquals(0xfffffff0L, e.xid());
        assertEquals(37, e.expCode());
        assertEquals(0x2320, e.experimenter());
        assertTrue(e.isNicira());
        assertEquals("NXFMFC_INVALID_TLV_FIELD", e.name());
        assertArrayEquals(data, e.data());
        assertEquals(4, e.version());
    }

    @Test
    public void unknownCodesAndExperimentersGetAGenericName() {
        assertEquals("EXPERIMENTER(0x2320)/999", ExperimenterError.decode(niciraError(1, 999, new byte[0])).name());
        byte[] onf = niciraError(1, 2600, new byte[0]);
        ByteBuffer.wrap(onf).putInt(12, 0x4f4e4600);
        ExperimenterError e = ExperimenterError.decode(onf);
        assertFalse(e.isNicira());
        assertEquals("EXPERIMENTER(0x4f4e4600)/2600", e.name());
    }

    @Test
    public void otherMessagesAreNotExperimenterErrors() {
        byte[] standard = niciraError(1, 2, new byte[0]);
        ByteBuffer.wrap(standard).putShort(8, (short) 5);
        assertNull(ExperimenterError.decode(standard));
        byte[] notError = niciraError(1, 2, new byte[0]);
        notError[1] = 19;
        assertNull(ExperimenterError.decode(notError));
        assertNull(ExperimenterError.decode(new byte[]{4, 1, 0, 8, 0, 0, 0, 1}));
        byte[] badLength = niciraError(1, 2, new byte[4]);
        ByteBuffer.wrap(badLength).putShort(2, (short) 16);
        assertNull(ExperimenterError.decode(badLength));
    }

    @Test
    public void decoderTurnsTheFrameIntoAnExperimenterError() {
        Object o = new OfMessageDecoder().decodeFrame(Unpooled.wrappedBuffer(niciraError(42, 2, new byte[0])));
        assertTrue(o instanceof ExperimenterError);
        assertEquals("NXBRC_NXM_INVALID", ((ExperimenterError) o).name());
    }
}
