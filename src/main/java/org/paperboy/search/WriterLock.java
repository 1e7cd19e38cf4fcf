package org.paperboy.search;

/**
 * The right to write a search index that the serving processes of several machines share (a
 * cluster's collection): held by one process at a time, taken for one indexing pass and given up
 * after it, so that the processes take turns and a command that rebuilds the index can hold all
 * of them off. Implementations are thread-safe.
 */
public interface WriterLock {

    /** A lock always held: the only writer is this process. */
    WriterLock ALWAYS = new WriterLock() {
        @Override
        public boolean tryTake() {
            return true;
        }

        @Override
        public boolean held() {
            return true;
        }

        @Override
        public void release() {}
    };

    /** Takes the lock when it is free; answers whether this process holds it now. Returns at once. */
    boolean tryTake();

    /** True while this process holds the lock. */
    boolean held();

    /** Gives the lock up when held, for another process's turn. */
    void release();
}
