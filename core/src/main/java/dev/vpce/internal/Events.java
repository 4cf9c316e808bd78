package dev.vpce.internal;

import dev.vpce.PrivateLinkListener;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to the listeners; a listener that throws is logged and ignored. */
final class Events {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vpce");

  private final List<PrivateLinkListener> listeners;

  Events(List<PrivateLinkListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  void emit(Consumer<PrivateLinkListener> event) {
    for (PrivateLinkListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("vpce listener {} threw; ignored", l.getClass().getName(), e);
      }
    }
  }
}
