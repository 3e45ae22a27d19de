package io.dbsync.emulator.uc;

import io.dbsync.emulator.http.ApiException;

/**
 * Unity Catalog error bodies ({error_code, message}). Statuses: not found is 404 (the SDKs treat it
 * as missing); already exists, not empty and bad input are 400 (UCX catches BadRequest for an
 * existing catalog). Messages follow the API's "Catalog 'x' does not exist." style; where the real
 * wording is unknown the message says what is wrong in the same style.
 */
final class UcErrors {
  private UcErrors() {}

  static ApiException notFound(UcType type, String name) {
    return new ApiException(404, type.notFoundCode, type.noun + " '" + name + "' does not exist.");
  }

  static ApiException alreadyExists(UcType type, String name) {
    return new ApiException(400, type.alreadyExistsCode, type.noun + " '" + name + "' already exists");
  }

  static ApiException catalogNotEmpty(String name, String contents) {
    return new ApiException(400, "CATALOG_NOT_EMPTY", "Catalog '" + name + "' is not empty. The catalog has "
        + contents + ". Delete them first or use force.");
  }

  static ApiException schemaNotEmpty(String name, String contents) {
    return new ApiException(400, "SCHEMA_NOT_EMPTY", "Schema '" + name + "' is not empty. The schema has "
        + contents + ". Delete them first or use force.");
  }

  static ApiException invalid(String message) {
    return ApiException.invalidParameter(message);
  }

  static ApiException missing(String field) {
    return ApiException.invalidParameter("Missing required field: " + field);
  }

  /** A principal the account does not know (PRINCIPAL_DOES_NOT_EXIST is a platform code; 404 is a guess). */
  static ApiException noPrincipal(String principal) {
    return new ApiException(404, "PRINCIPAL_DOES_NOT_EXIST", "Could not find principal with name " + principal);
  }

  /** Access from a workspace an isolated securable is not bound to (403 PERMISSION_DENIED is a guess). */
  static ApiException notAccessible(UcType type, String name) {
    return new ApiException(403, "PERMISSION_DENIED", type.noun + " '" + name + "' is not accessible in current workspace");
  }

  static ApiException readOnly(String catalog) {
    return new ApiException(403, "PERMISSION_DENIED", "Catalog '" + catalog
        + "' is bound to the current workspace read-only; it cannot be modified from here");
  }
}
