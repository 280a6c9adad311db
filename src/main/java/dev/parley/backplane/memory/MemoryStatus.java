package dev.parley.backplane.memory;

import dev.parley.backplane.control.BackplaneStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/** The embedded backplane is available while the process runs. */
@ApplicationScoped
@Typed(MemoryStatus.class)
public class MemoryStatus implements BackplaneStatus {

    @Override
    public boolean available() {
        return true;
    }
}
