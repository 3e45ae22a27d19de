package io.dbsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.tf.Cloud;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The state of one translation: the mapping and target, the resources' attributes being rewritten
 * (copies, by address), and what was done, left out and found missing. The steps of
 * {@link ConfigTranslator} share it; it lives for one {@link Mapping#translate} call.
 */
final class TranslationRun {
  final Mapping mapping;
  final Target target;
  final Summary summary = new Summary();
  final Needs needs = new Needs();
  final Prefixes storage;
  final Prefixes workspacePaths;
  final NodeTypeTable table = NodeTypeTable.bundled();
  /** address -> attributes being rewritten, sorted by address (the order of every step). */
  final Map<String, ObjectNode> attrs = new TreeMap<>();
  final Map<String, String> types = new TreeMap<>();

  TranslationRun(Mapping mapping, Target target) {
    this.mapping = mapping;
    this.target = target;
    this.storage = new Prefixes(mapping.storage());
    this.workspacePaths = new Prefixes(mapping.workspacePaths());
  }

  Cloud targetCloud() {
    return target.targetCloud();
  }

  boolean crossCloud() {
    return target.crossCloud();
  }

  void drop(String address, String reason) {
    summary.dropped(address, reason);
  }

  boolean dropped(String address) {
    return summary.isDropped(address);
  }

  /** Addresses of the resources still in, of one type, in address order. */
  Iterable<String> kept(String type) {
    return attrs.keySet().stream().filter(a -> type.equals(types.get(a)) && !dropped(a)).toList();
  }

  /** Addresses of every resource still in, in address order. */
  Iterable<String> kept() {
    return attrs.keySet().stream().filter(a -> !dropped(a)).toList();
  }

  /**
   * The plain value {@code v} stands for: itself when literal, the referenced resource's attribute when it
   * is a reference to a literal attribute of a resource still in; else null (unknown before apply).
   */
  String literal(JsonNode v) {
    if (Ref.isLiteral(v)) {
      return v.asText();
    }
    return Ref.of(v).filter(r -> attrs.containsKey(r.address()) && !dropped(r.address()))
        .map(r -> attrs.get(r.address()).get(r.attribute()))
        .filter(Ref::isLiteral)
        .map(JsonNode::asText)
        .orElse(null);
  }

  /** True when {@code v} is a reference to a resource this translation left out. */
  boolean refersToDropped(JsonNode v) {
    return Ref.of(v).map(r -> dropped(r.address())).orElse(false);
  }

  /** Rewrites every string value (not keys) under {@code node}, depth first. */
  static void rewriteStrings(JsonNode node, UnaryOperator<String> f) {
    if (node instanceof ObjectNode o) {
      Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isTextual()) {
          String after = f.apply(e.getValue().asText());
          if (!after.equals(e.getValue().asText())) {
            e.setValue(TextNode.valueOf(after));
          }
        } else {
          rewriteStrings(e.getValue(), f);
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i).isTextual()) {
          String after = f.apply(a.get(i).asText());
          if (!after.equals(a.get(i).asText())) {
            a.set(i, TextNode.valueOf(after));
          }
        } else {
          rewriteStrings(a.get(i), f);
        }
      }
    }
  }

  /** Calls {@code f} on every object under {@code node} (itself included), parents before children. */
  static void forEachObject(JsonNode node, java.util.function.Consumer<ObjectNode> f) {
    if (node instanceof ObjectNode o) {
      f.accept(o);
      for (JsonNode child : o) {
        forEachObject(child, f);
      }
    } else if (node instanceof ArrayNode a) {
      for (JsonNode child : a) {
        forEachObject(child, f);
      }
    }
  }
}
