package dev.vpce.testkit;

/** A tiny writer for the EC2 Query protocol's XML: elements and escaped text, nothing more. */
final class Xml {
  static final String EC2_NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

  private final StringBuilder out = new StringBuilder(1024);

  Xml() {
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  }

  Xml open(String tag) {
    out.append('<').append(tag).append('>');
    return this;
  }

  Xml openRoot(String tag) {
    out.append('<').append(tag).append(" xmlns=\"").append(EC2_NAMESPACE).append("\">");
    return this;
  }

  Xml close(String tag) {
    out.append("</").append(tag).append('>');
    return this;
  }

  /** An element with text; nothing at all when the value is null. */
  Xml leaf(String tag, Object value) {
    if (value != null) {
      open(tag);
      escape(String.valueOf(value));
      close(tag);
    }
    return this;
  }

  Xml empty(String tag) {
    out.append('<').append(tag).append("/>");
    return this;
  }

  private void escape(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
