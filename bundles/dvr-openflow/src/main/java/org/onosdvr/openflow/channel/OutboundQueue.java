package org.onosdvr.openflow.channel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.projectfloodlight.openflow.protocol.OFMessage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Messages waiting to be written to one switch. Any thread may enqueue; the channel's event loop drains the queue
 * in batches (one buffer per batch) while the channel is writable, and resumes when it becomes writable again.
 * Senders never block; a slow switch only makes the queue longer.
 */
final class OutboundQueue {

    /** Messages written into one buffer. */
    static final int BATCH = 512;

    private final Channel channel;
    private final Queue<OFMessage> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    OutboundQueue(Channel channel) {
        this.channel = channel;
    }

    /**
     * Enqueues messages, in order, and makes sure a drain will run.
     *
     * @param msgs messages
     */
    void enqueue(Collection<? extends OFMessage> msgs) {
        queue.addAll(msgs);
        size.addAndGet(msgs.size());
        scheduleDrain();
    }

    /**
     * Enqueues one message.
     *
     * @param msg message
     */
    void enqueue(OFMessage msg) {
        queue.add(msg);
        size.incrementAndGet();
        scheduleDrain();
    }

    /**
     * Messages not yet handed to the channel.
     *
     * @return count
     */
    int size() {
        return size.get();
    }

    /**
     * Called when the channel becomes writable again.
     */
    void writabilityChanged() {
        if (channel.isWritable()) {
            scheduleDrain();
        }
    }

    /**
     * Drops what is queued (the channel closed).
     */
    void clear() {
        while (queue.poll() != null) {
            size.decrementAndGet();
        }
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            if (channel.eventLoop().inEventLoop()) {
                drain();
            } else {
                channel.eventLoop().execute(this::drain);
            }
        }
    }

    private void drain() {
        drainScheduled.set(false);
        if (!channel.isActive()) {
            clear();
            return;
        }
        boolean wrote = false;
        while (channel.isWritable()) {
            List<OFMessage> batch = new ArrayList<>(Math.min(BATCH, Math.max(1, size.get())));
            while (batch.size() < BATCH) {
                OFMessage m = queue.poll();
                if (m == null) {
                    break;
                }
                batch.add(m);
            }
            if (batch.isEmpty()) {
                break;
            }
            size.addAndGet(-batch.size());
            channel.write(batch).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }
}
