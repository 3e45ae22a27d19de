package io.dbsync.kind.identity;

import com.databricks.sdk.service.iam.Patch;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A single-valued SCIM attribute and its Terraform attribute (userName -> user_name). Carries what
 * an update needs: the value Terraform assumes when the attribute is absent ({@code dflt}, e.g.
 * active = true) and whether an absent attribute must be removed from the object ({@code clearable},
 * e.g. externalId), so that a refreshed object never keeps differing from the desired one.
 */
record ScalarField(String attr, String scim, JsonNode dflt, boolean clearable, boolean updatable) {

  static ScalarField fixed(String attr, String scim) {
    return new ScalarField(attr, scim, null, false, false);
  }

  static ScalarField optional(String attr, String scim) {
    return new ScalarField(attr, scim, null, false, true);
  }

  static ScalarField clearable(String attr, String scim) {
    return new ScalarField(attr, scim, null, true, true);
  }

  static ScalarField withDefault(String attr, String scim, JsonNode dflt) {
    return new ScalarField(attr, scim, dflt, false, true);
  }

  /** Copies the fields the API returned into Terraform attributes. */
  static void toAttrs(List<ScalarField> fields, JsonNode raw, ObjectNode attrs) {
    for (ScalarField f : fields) {
      JsonNode v = raw.get(f.scim);
      if (v != null && !v.isNull() && !(v.isTextual() && v.textValue().isEmpty())) {
        attrs.set(f.attr, v);
      }
    }
  }

  /** Copies Terraform attributes into a SCIM create body. */
  static void toBody(List<ScalarField> fields, JsonNode attrs, ObjectNode body) {
    for (ScalarField f : fields) {
      JsonNode v = attrs.get(f.attr);
      if (v != null && !v.isNull()) {
        body.set(f.scim, v);
      }
    }
  }

  /** PATCH operations that bring the updatable fields of {@code current} to the desired attributes. */
  static List<Patch> diff(List<ScalarField> fields, JsonNode current, JsonNode attrs) {
    List<Patch> ops = new ArrayList<>();
    for (ScalarField f : fields) {
      if (!f.updatable) {
        continue;
      }
      JsonNode want = attrs.get(f.attr);
      if (want == null || want.isNull()) {
        want = f.dflt;
      }
      JsonNode have = current.get(f.scim);
      boolean haveValue = have != null && !have.isNull() && !(have.isTextual() && have.textValue().isEmpty());
      if (want != null) {
        if (!haveValue || !have.equals(want)) {
          ops.add(Scim.replace(f.scim, want));
        }
      } else if (f.clearable && haveValue) {
        ops.add(Scim.remove(f.scim));
      }
    }
    return ops;
  }
}
