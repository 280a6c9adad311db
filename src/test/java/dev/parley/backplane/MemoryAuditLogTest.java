package dev.parley.backplane;

class MemoryAuditLogTest extends AuditLogContract {

    MemoryAuditLogTest() {
        super(MEMORY);
    }
}
