package io.dbsync.plan.render;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of one body in a plan (a resource, a nested block, a map or a list) before they are
 * written: attributes aligned on their "=", nested blocks after them each after a blank line, and
 * counts of what an update leaves out ("# (2 unchanged attributes hidden)").
 */
final class Body {
  /** {@code sym key = value}, or {@code sym value,} for a list element (key null). */
  record Attr(String sym, String key, String value) implements Item {}

  /**
   * A nested body: a block ({@code sym key {}) or a map or list attribute ({@code sym key = {} / {@code [}).
   * {@code note} follows the opening line ("# forces replacement"), {@code closeSuffix} the closing one (" -> null").
   */
  record Nested(String sym, String key, boolean block, String open, Body body, String close, String note,
                String closeSuffix) implements Item {
    Nested withNote(String n) {
      return new Nested(sym, key, block, open, body, close, n, closeSuffix);
    }
  }

  sealed interface Item permits Attr, Nested {}

  final List<Item> items = new ArrayList<>();
  int hiddenAttributes;
  int hiddenBlocks;
  int hiddenElements;

  Body add(Item item) {
    items.add(item);
    return this;
  }

  /** Writes the body with its symbols at column {@code col}. */
  void write(StringBuilder sb, int col) {
    int width = 0;
    for (Item i : items) {
      String key = i instanceof Attr a ? a.key() : i instanceof Nested n && !n.block() ? n.key() : null;
      if (key != null) {
        width = Math.max(width, key.length());
      }
    }
    boolean any = false;
    for (Item i : items) {
      if (i instanceof Attr a) {
        pad(sb, col).append(a.sym()).append(' ');
        if (a.key() == null) {
          sb.append(a.value()).append(",\n");
        } else {
          sb.append(padded(a.key(), width)).append(" = ").append(a.value()).append('\n');
        }
        any = true;
      } else if (i instanceof Nested n && !n.block()) {
        pad(sb, col).append(n.sym()).append(' ').append(padded(n.key(), width)).append(" = ").append(n.open());
        writeNested(sb, col, n);
        any = true;
      }
    }
    if (hiddenAttributes > 0) {
      pad(sb, col + 2).append(hidden(hiddenAttributes, "attribute")).append('\n');
      any = true;
    }
    if (hiddenElements > 0) {
      pad(sb, col + 2).append(hidden(hiddenElements, "element")).append('\n');
      any = true;
    }
    for (Item i : items) {
      if (i instanceof Nested n && n.block()) {
        if (any) {
          sb.append('\n');
        }
        pad(sb, col).append(n.sym()).append(' ').append(n.key()).append(' ').append(n.open());
        writeNested(sb, col, n);
        any = true;
      }
    }
    if (hiddenBlocks > 0) {
      if (any) {
        sb.append('\n');
      }
      pad(sb, col + 2).append(hidden(hiddenBlocks, "block")).append('\n');
    }
  }

  private static void writeNested(StringBuilder sb, int col, Nested n) {
    if (n.note() != null) {
      sb.append(' ').append(n.note());
    }
    sb.append('\n');
    n.body().write(sb, col + 4);
    pad(sb, col + 2).append(n.close()).append(n.closeSuffix()).append('\n');
  }

  private static String hidden(int n, String what) {
    return "# (" + n + " unchanged " + what + (n == 1 ? "" : "s") + " hidden)";
  }

  private static StringBuilder pad(StringBuilder sb, int col) {
    return sb.append(" ".repeat(col));
  }

  private static String padded(String key, int width) {
    return key + " ".repeat(Math.max(0, width - key.length()));
  }
}
