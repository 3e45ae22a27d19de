package io.dbsync.tf.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpressionsTest {
  final Scope scope = new BaseScope(
      Map.of("PASSIVE", TextNode.valueOf("true"), "FLAG", BooleanNode.FALSE, "CLOUD", TextNode.valueOf("azure"),
          "N", IntNode.valueOf(5)),
      Map.of("data.databricks_group.admins", TfJson.object().put("id", "g1")),
      "/x/exports") {
    @Override
    public JsonNode resourceAttribute(String type, String name, String attr) throws EvalException {
      if (name.equals("pending")) {
        return Unknown.NODE;
      }
      return TextNode.valueOf(type + "/" + name + "/" + attr);
    }
  };

  String eval(String t) throws EvalException {
    return Expressions.evaluate(t, scope).asText();
  }

  @Test
  void passiveConditional() throws Exception {
    assertEquals("PAUSED", eval("${var.PASSIVE ? \"PAUSED\" : \"UNPAUSED\"}"));
    assertEquals("UNPAUSED", eval("${var.FLAG ? \"PAUSED\" : \"UNPAUSED\"}"));
    assertEquals("UNPAUSED", eval("${!var.PASSIVE ? \"PAUSED\" : \"UNPAUSED\"}"));
  }

  @Test
  void comparisonsLogicAndParentheses() throws Exception {
    assertEquals("yes", eval("${var.CLOUD == \"azure\" ? \"yes\" : \"no\"}"));
    assertEquals("no", eval("${var.CLOUD != \"azure\" ? \"yes\" : \"no\"}"));
    assertEquals("true", eval("${var.N == \"5\"}"));
    assertEquals("false", eval("${(var.CLOUD == \"aws\" || var.FLAG) && true}"));
    assertEquals("b", eval("${var.FLAG ? \"a\" : var.PASSIVE ? \"b\" : \"c\"}"));
  }

  @Test
  void singleInterpolationKeepsTypeAndTemplatesJoinText() throws Exception {
    assertTrue(Expressions.evaluate("${var.FLAG}", scope).isBoolean());
    assertTrue(Expressions.evaluate("${var.N}", scope).isNumber());
    assertEquals("n=5 on azure", eval("n=${var.N} on ${var.CLOUD}"));
    assertEquals("/x/exports/notebook/data/a.py", eval("${path.module}/notebook/data/a.py"));
    assertEquals("databricks_cluster/etl/id", eval("${databricks_cluster.etl.id}"));
    assertEquals("g1", eval("${data.databricks_group.admins.id}"));
    assertEquals("literal ${var.x}", eval("literal $${var.x}"));
    assertEquals("say \"hi\"\n", eval("${\"say \\\"hi\\\"\\n\"}"));
    assertEquals("no interpolation", eval("no interpolation"));
  }

  @Test
  void unknownPropagates() throws Exception {
    assertTrue(Unknown.is(Expressions.evaluate("${databricks_cluster.pending.id}", scope)));
    assertTrue(Unknown.is(Expressions.evaluate("prefix-${databricks_cluster.pending.id}", scope)));
    assertTrue(Unknown.is(Expressions.evaluate("${databricks_cluster.pending.id == \"x\" ? \"a\" : \"b\"}", scope)));
  }

  @Test
  void unsupportedSyntaxIsRejectedNamingTheExpression() {
    for (String bad : List.of("${upper(var.CLOUD)}", "${local.x}", "${var.CLOUD", "${var.PASSIVE ? \"a\"}",
        "${\"a${var.x}\"}", "${var.CLOUD ? \"a\" : \"b\"}", "${nonsense}")) {
      EvalException e = assertThrows(EvalException.class, () -> Expressions.evaluate(bad, scope), bad);
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }

  @Test
  void referencesAreListed() throws Exception {
    List<List<String>> refs = Expressions.references("${var.PASSIVE ? data.databricks_group.admins.id : databricks_user.u.id}");
    assertEquals(List.of(List.of("var", "PASSIVE"), List.of("data", "databricks_group", "admins", "id"),
        List.of("databricks_user", "u", "id")), refs);
  }

  @Test
  void looseEqualityComparesScalarsByValue() {
    assertTrue(Expressions.looseEquals(TextNode.valueOf("5"), IntNode.valueOf(5)));
    assertTrue(Expressions.looseEquals(TextNode.valueOf("true"), BooleanNode.TRUE));
    assertFalse(Expressions.looseEquals(TextNode.valueOf("5.1"), IntNode.valueOf(5)));
    assertFalse(Expressions.looseEquals(Unknown.NODE, Unknown.NODE));
  }
}
