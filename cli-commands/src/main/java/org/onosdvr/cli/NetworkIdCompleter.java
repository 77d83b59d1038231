package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.stream.Collectors;

/**
 * Completes networks ids.
 */
@Service
public class NetworkIdCompleter extends DvrIdCompleter {

    /** Creates the completer. */
    public NetworkIdCompleter() {
        super(s -> s.networks().stream().map(n -> n.id()).collect(Collectors.toList()));
    }
}
