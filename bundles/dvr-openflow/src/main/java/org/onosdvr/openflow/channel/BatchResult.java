package org.onosdvr.openflow.channel;

import java.util.List;
import java.util.Optional;

/**
 * Outcome of {@link OpenFlowSwitchSession#sendBatch}: the barrier came back, and these are the errors the switch
 * reported for messages of the batch (OpenFlow guarantees they arrive before the barrier reply).
 */
public final class BatchResult {

    private final long firstXid;
    private final int size;
    private final List<SwitchError> errors;

    BatchResult(long firstXid, int size, List<SwitchError> errors) {
        this.firstXid = firstXid;
        this.size = size;
        this.errors = List.copyOf(errors);
    }

    /**
     * Xid of the first message; message {@code i} has xid {@code firstXid + i} (mod 2^32).
     *
     * @return first xid
     */
    public long firstXid() {
        return firstXid;
    }

    /**
     * Xid of message {@code i} of the batch.
     *
     * @param i index in the list that was sent
     * @return its xid
     */
    public long xidOf(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + " of a batch of " + size);
        }
        return (firstXid + i) & 0xffffffffL;
    }

    /**
     * Number of messages (barrier excluded).
     *
     * @return size
     */
    public int size() {
        return size;
    }

    /**
     * Errors for messages of this batch, in arrival order.
     *
     * @return errors
     */
    public List<SwitchError> errors() {
        return errors;
    }

    /**
     * The error of message {@code i}, if it failed.
     *
     * @param i index in the list that was sent
     * @return its error
     */
    public Optional<SwitchError> errorOf(int i) {
        long xid = xidOf(i);
        return errors.stream().filter(e -> e.xid() == xid).findFirst();
    }

    /**
     * Whether every message was accepted.
     *
     * @return true without errors
     */
    public boolean ok() {
        return errors.isEmpty();
    }

    @Override
    public String toString() {
        return "BatchResult{firstXid=" + firstXid + ", size=" + size + ", errors=" + errors + "}";
    }
}
