package dev.parley.backplane;

class MemoryMessagesTest extends MessagesContract {

    MemoryMessagesTest() {
        super(MEMORY);
    }
}
