package io.dbsync.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How every journal lays out its records: one per line. A last line without its newline was torn by
 * a crash mid-append and is left out.
 */
public final class JournalRecords {
  private JournalRecords() {}

  /** The records, each followed by a newline. */
  public static byte[] join(List<byte[]> records) {
    int size = records.stream().mapToInt(r -> r.length + 1).sum();
    byte[] out = new byte[size];
    int at = 0;
    for (byte[] r : records) {
      System.arraycopy(r, 0, out, at, r.length);
      at += r.length;
      out[at++] = '\n';
    }
    return out;
  }

  /** The complete records of {@code all}, in order. */
  public static List<byte[]> split(byte[] all) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        if (i > start) {
          out.add(Arrays.copyOfRange(all, start, i));
        }
        start = i + 1;
      }
    }
    return out;
  }
}
