package io.dbsync.export;

import io.dbsync.kind.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a listener's order while objects export during the listings: {@code exported} calls made
 * before {@link #exportStarted} (whose total is known only once every kind has listed) are held and
 * passed on right after it, so a listener always hears the total before the first object.
 */
final class StartedFirstListener implements ExportListener {
  private record Exported(Kind kind, String name, Exception error) {}

  private final ExportListener delegate;
  /** Guarded by this; null once started. */
  private List<Exported> held = new ArrayList<>();

  StartedFirstListener(ExportListener delegate) {
    this.delegate = delegate;
  }

  @Override
  public void listed(Kind kind, int objects, Exception error) {
    delegate.listed(kind, objects, error);
  }

  @Override
  public synchronized void exportStarted(int totalObjects) {
    delegate.exportStarted(totalObjects);
    List<Exported> before = held;
    held = null;
    if (before != null) {
      before.forEach(e -> delegate.exported(e.kind, e.name, e.error));
    }
  }

  @Override
  public void skipped(Kind kind, String object, String reason) {
    delegate.skipped(kind, object, reason);
  }

  @Override
  public void exported(Kind kind, String name, Exception error) {
    synchronized (this) {
      if (held != null) {
        held.add(new Exported(kind, name, error));
        return;
      }
    }
    delegate.exported(kind, name, error);
  }

  @Override
  public void finished() {
    delegate.finished();
  }
}
