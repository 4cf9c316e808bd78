package dev.vpce.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP request as the emulators see it, and their reply; independent of the HTTP server used. */
final class HttpCall {
  private HttpCall() {}

  /**
   * @param method  upper-case method
   * @param path    the path without the query
   * @param params  query parameters and, for form posts, the decoded form fields
   * @param headers header values by lower-case name
   */
  record Request(String method, String path, Map<String, String> params, Map<String, String> headers) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  /**
   * @param delay how long to wait before answering; {@link #HANG} never answers while the kit runs
   */
  record Reply(int status, String contentType, String body, Map<String, String> headers, Duration delay) {
    static final Duration HANG = Duration.ofMinutes(10);

    static Reply of(int status, String contentType, String body) {
      return new Reply(status, contentType, body, Map.of(), Duration.ZERO);
    }

    static Reply text(int status, String body) {
      return of(status, "text/plain", body);
    }

    static Reply hang() {
      return new Reply(200, "text/plain", "", Map.of(), HANG);
    }

    Reply withHeader(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Reply(status, contentType, body, h, delay);
    }

    Reply delayedBy(Duration extra) {
      return new Reply(status, contentType, body, headers, delay.plus(extra));
    }
  }

  /** Decodes {@code a=1&b=2} (a query string or a form body) into {@code params}. */
  static void decodeForm(String form, Map<String, String> params) {
    if (form == null || form.isEmpty()) {
      return;
    }
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
  }
}
