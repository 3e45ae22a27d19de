package io.dbsync.tf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.tf.config.ConfigRefs;
import io.dbsync.tf.expr.AttributeResolver;
import io.dbsync.tf.expr.BaseScope;
import io.dbsync.tf.expr.EvalException;
import io.dbsync.tf.expr.Expressions;
import io.dbsync.tf.expr.Scope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Source text survives export -> file -> import byte for byte: what the export renders
 * ({@link Templates#render}) and the import evaluates ({@link AttributeResolver}) are inverse for every
 * literal, whatever template sequences, quotes, backslashes or unicode it holds.
 */
class TemplatesTest {
  private static final String[] PIECES = {"${", "%{", "$${", "%%{", "$", "%", "{", "}", "\"", "\\", "\\\"", "var.x",
      "${var.x}", "%{if}", "%{ endif }", "ü", "ñ", "日本", "😀", "\n", "\t", " ", "a", "Z", "0", "path.module", "$$$",
      "%%%", "\u0000", "'", "/", ".."};

  private final Scope scope = new BaseScope(Map.of("x", TextNode.valueOf("VALUE")), Map.of(), "/exports") {
    @Override
    public JsonNode resourceAttribute(String type, String name, String attr) throws EvalException {
      return TextNode.valueOf(type + "." + name + "." + attr + "=ID");
    }
  };

  private static String randomText(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  /** What the import makes of rendered attributes, after a trip through the canonical file text. */
  private ObjectNode throughFile(ObjectNode attrs) throws Exception {
    ObjectNode rendered = (ObjectNode) Templates.render(attrs);
    ObjectNode read = (ObjectNode) TfJson.read(TfJson.writeBytes(rendered));
    ConfigRefs.variables(read, "test"); // the reference scan parses every string too
    return AttributeResolver.resolve(read, scope, "databricks_job.j");
  }

  @Test
  void randomLiteralsRoundTripByteIdentical() throws Exception {
    Random r = new Random(20261125L);
    for (int i = 0; i < 5000; i++) {
      String literal = randomText(r);
      String key = randomText(r);
      ObjectNode attrs = TfJson.object();
      attrs.put("name", literal);
      attrs.putObject("spark_env_vars").put(key.isEmpty() ? "k" : key, literal);
      attrs.putArray("list").add(literal);
      ObjectNode back = throughFile(attrs);
      assertEquals(literal, back.get("name").asText(), "literal #" + i);
      assertEquals(literal, back.get("list").get(0).asText(), "literal in a list #" + i);
      assertEquals(Set.of(key.isEmpty() ? "k" : key), Set.copyOf(iterable(back.get("spark_env_vars"))), "map key #" + i);
    }
  }

  @Test
  void expressionsAmongLiteralsStayExpressions() throws Exception {
    Random r = new Random(7L);
    for (int i = 0; i < 2000; i++) {
      String before = randomText(r);
      String after = randomText(r);
      ObjectNode attrs = TfJson.object();
      attrs.put("name", before + Templates.expression(Refs.var("x")) + after);
      attrs.put("ref", Templates.expression(Refs.resource("databricks_cluster", "c", "id")));
      ObjectNode back = throughFile(attrs);
      assertEquals(before + "VALUE" + after, back.get("name").asText(), "#" + i);
      assertEquals("databricks_cluster.c.id=ID", back.get("ref").asText());
    }
  }

  @Test
  void theD2ValuesRenderAsTerraformEscapes() {
    assertEquals("$${LD_LIBRARY_PATH}:/opt/lib", Templates.render("${LD_LIBRARY_PATH}:/opt/lib"));
    assertEquals("%%{foo} plain", Templates.render("%{foo} plain"));
    assertEquals("nightly $${var.x}", Templates.render("nightly ${var.x}"));
    assertEquals("$$${x}", Templates.render("$${x}"), "an already escaped-looking literal stays literal");
    assertEquals("${var.x} and $${var.x}", Templates.render(Templates.expression("${var.x}") + " and ${var.x}"));
  }

  @Test
  void sourceTextCannotForgeAnExpressionMark() {
    String forged = "\uE000" + "0000000000000000" + "\uE001${var.x}\uE002" + "0000000000000000" + "\uE003";
    assertTrue(Templates.render(forged).contains("$${var.x}"));
  }

  @Test
  void directivesAreRejectedAndEscapedOnesAreLiteral() throws Exception {
    EvalException e = assertThrows(EvalException.class, () -> Expressions.evaluate("%{ if true }x%{ endif }", scope));
    assertTrue(e.getMessage().contains("%%{"), e.getMessage());
    assertEquals("%{foo}", Expressions.evaluate("%%{foo}", scope).asText());
    assertEquals("${x}", Expressions.evaluate("$${x}", scope).asText());
  }

  @Test
  void partsSeeOnlyUnescapedInterpolations() throws Exception {
    assertEquals(List.of(new Expressions.Part(true, "path.module"), new Expressions.Part(false, "/nb/data/a.py")),
        Expressions.parts("${path.module}/nb/data/a.py"));
    assertEquals(List.of(new Expressions.Part(false, "${var.x} ")), Expressions.parts("$${var.x} "));
  }

  private static List<String> iterable(JsonNode obj) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    obj.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
