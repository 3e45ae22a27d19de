package io.dbsync.export;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/** Runs one task per item on virtual threads, a bounded number at a time, results in item order. */
final class Parallel {
  interface Task<T, R> {
    R run(T t) throws Exception;
  }

  private Parallel() {}

  /** A task's I/O or runtime failure is rethrown as it is; anything else checked becomes an IOException. */
  static <T, R> List<R> map(List<T> items, int parallelism, Task<T, R> task) throws InterruptedException, IOException {
    Semaphore permits = new Semaphore(parallelism);
    List<Future<R>> futures = new ArrayList<>();
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      for (T item : items) {
        futures.add(exec.submit(() -> {
          permits.acquire();
          try {
            return task.run(item);
          } finally {
            permits.release();
          }
        }));
      }
      List<R> out = new ArrayList<>();
      for (Future<R> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof IOException io) {
            throw io;
          }
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IOException(cause);
        }
      }
      return out;
    }
  }
}
