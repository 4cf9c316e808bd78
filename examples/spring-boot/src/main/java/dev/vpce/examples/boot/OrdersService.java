package dev.vpce.examples.boot;

import org.springframework.web.client.RestClient;

/** The application's own code: plain RestClient calls to the logical hostname. */
public class OrdersService {
  private final RestClient orders;

  /**
   * Calls the orders service through this client.
   *
   * @param orders a client whose base URL is the orders service's logical hostname
   */
  public OrdersService(RestClient orders) {
    this.orders = orders;
  }

  /**
   * One order, as the service returns it.
   *
   * @param id the order's number
   * @return the response body as the service sent it
   * @throws org.springframework.web.client.RestClientException when the call fails or the service answers with an
   *     error status
   */
  public String order(int id) {
    return orders.get().uri("/orders/{id}", id).retrieve().body(String.class);
  }
}
