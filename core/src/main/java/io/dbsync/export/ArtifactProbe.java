package io.dbsync.export;

import io.dbsync.kind.Rendering;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An artifact fetched only as far as its first byte: the request that starts its download is made
 * (and counted in its API family), then the download is abandoned and nothing is kept. How assess
 * measures what an export's artifacts cost without copying notebooks and DBFS files.
 */
final class ArtifactProbe {
  /** Thrown by the probe's stream at the first byte: enough has been seen. */
  private static final class Enough extends IOException {
    private static final long serialVersionUID = 1L;

    Enough() {
      super("artifact probed");
    }
  }

  private ArtifactProbe() {}

  static void probe(Rendering.ArtifactWriter content) throws IOException {
    try (OutputStream sink = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new Enough();
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (len > 0) {
          throw new Enough();
        }
      }
    }) {
      content.writeTo(sink);
    } catch (IOException | RuntimeException e) {
      if (!causedByProbe(e)) {
        throw e;
      }
    }
  }

  private static boolean causedByProbe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Enough) {
        return true;
      }
    }
    return false;
  }
}
