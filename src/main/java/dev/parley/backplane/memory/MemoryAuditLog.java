package dev.parley.backplane.memory;

import dev.parley.backplane.control.AuditLog;
import dev.parley.backplane.control.BackplaneSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/** {@link AuditLog} in this process: the newest {@code parley.audit.retain} entries. */
@ApplicationScoped
@Typed(MemoryAuditLog.class)
public class MemoryAuditLog implements AuditLog {

    private final int retain;
    // guarded by itself, newest first
    private final Deque<Entry> entries = new ArrayDeque<>();

    @Inject
    public MemoryAuditLog(BackplaneSettings settings) {
        this.retain = settings == null ? 0 : settings.auditRetain();
    }

    protected MemoryAuditLog() {
        // for the CDI client proxy only
        this(null);
    }

    @Override
    public void append(Entry entry) {
        synchronized (entries) {
            entries.addFirst(entry);
            while (entries.size() > retain) {
                entries.removeLast();
            }
        }
    }

    @Override
    public List<Entry> latest(int limit) {
        synchronized (entries) {
            List<Entry> newest = new ArrayList<>(Math.min(limit, entries.size()));
            Iterator<Entry> from = entries.iterator();
            while (newest.size() < limit && from.hasNext()) {
                newest.add(from.next());
            }
            return newest;
        }
    }
}
