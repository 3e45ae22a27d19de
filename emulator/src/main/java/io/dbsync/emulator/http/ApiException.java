package io.dbsync.emulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;

/**
 * An API error with the exact body shape a real workspace sends. Three body styles exist (see
 * api-reference §1.2): the standard {error_code, message}, SCIM's RFC 7644 error, and API 1.2's {error}.
 */
public class ApiException extends RuntimeException {
  public enum Style { STANDARD, SCIM, API_1_2 }

  private final int status;
  private final String errorCode;
  private final Style style;
  private final String scimType;

  public ApiException(int status, String errorCode, String message) {
    this(status, errorCode, message, Style.STANDARD, null);
  }

  public ApiException(int status, String errorCode, String message, Style style, String scimType) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.style = style;
    this.scimType = scimType;
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "RESOURCE_DOES_NOT_EXIST", message);
  }

  public static ApiException invalidParameter(String message) {
    return new ApiException(400, "INVALID_PARAMETER_VALUE", message);
  }

  public static ApiException alreadyExists(String message) {
    return new ApiException(400, "RESOURCE_ALREADY_EXISTS", message);
  }

  public static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message);
  }

  public static ApiException invalidState(String message) {
    return new ApiException(400, "INVALID_STATE", message);
  }

  public static ApiException scim(int status, String detail, String scimType) {
    return new ApiException(status, "SCIM_" + status, detail, Style.SCIM, scimType);
  }

  public static ApiException v12(int status, String message) {
    return new ApiException(status, "", message, Style.API_1_2, null);
  }

  public int status() {
    return status;
  }

  public String errorCode() {
    return errorCode;
  }

  public Response toResponse() {
    ObjectNode body = Json.object();
    switch (style) {
      case SCIM -> {
        body.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:Error");
        body.put("detail", getMessage());
        body.put("status", Integer.toString(status));
        if (scimType != null) {
          body.put("scimType", scimType);
        }
      }
      case API_1_2 -> body.put("error", getMessage());
      default -> {
        body.put("error_code", errorCode);
        body.put("message", getMessage());
      }
    }
    return Response.status(status, body);
  }
}
