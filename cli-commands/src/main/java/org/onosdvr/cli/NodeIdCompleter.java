package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.stream.Collectors;

/**
 * Completes nodes ids.
 */
@Service
public class NodeIdCompleter extends DvrIdCompleter {

    /** Creates the completer. */
    public NodeIdCompleter() {
        super(s -> s.nodes().stream().map(n -> n.deviceId()).collect(Collectors.toList()));
    }
}
