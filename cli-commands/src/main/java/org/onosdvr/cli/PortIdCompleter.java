package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.stream.Collectors;

/**
 * Completes ports ids.
 */
@Service
public class PortIdCompleter extends DvrIdCompleter {

    /** Creates the completer. */
    public PortIdCompleter() {
        super(s -> s.ports().stream().map(n -> n.id()).collect(Collectors.toList()));
    }
}
