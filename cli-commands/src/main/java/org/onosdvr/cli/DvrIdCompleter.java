package org.onosdvr.cli;

import org.onosdvr.api.DvrService;
import org.onosdvr.api.DvrSnapshot;
import org.onosproject.cli.AbstractChoicesCompleter;
import org.onosproject.cli.AbstractShellCommand;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Completes the ids of one kind of DVR object from the current snapshot.
 */
public abstract class DvrIdCompleter extends AbstractChoicesCompleter {

    private final Function<DvrSnapshot, Collection<?>> ids;

    /**
     * @param ids the ids (or objects whose toString is the id) in a snapshot
     */
    protected DvrIdCompleter(Function<DvrSnapshot, Collection<?>> ids) {
        this.ids = ids;
    }

    @Override
    protected List<String> choices() {
        return choices(AbstractShellCommand.get(DvrService.class).snapshot());
    }

    /**
     * @param snapshot snapshot
     * @return the ids in it, sorted
     */
    public List<String> choices(DvrSnapshot snapshot) {
        return ids.apply(snapshot).stream().map(Object::toString).sorted().collect(Collectors.toList());
    }
}
