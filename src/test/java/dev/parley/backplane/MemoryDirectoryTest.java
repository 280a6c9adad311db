package dev.parley.backplane;

class MemoryDirectoryTest extends DirectoryContract {

    MemoryDirectoryTest() {
        super(MEMORY);
    }
}
