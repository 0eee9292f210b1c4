import type { Delivery, DeliveryPage } from '../../ports/delivery-repository';

/**
 * Hands the delivery list to the send workers one record at a time, reading it page by page with the next
 * page already on its way: workers never wait at a page boundary, and memory holds at most two pages.
 * `accept` sees every page once (for counting) and returns the records that still have to be sent.
 */
export class DeliveryFeed {
  private current: Delivery[] = [];
  private index = 0;
  private upcoming: Promise<DeliveryPage> | undefined;

  constructor(
    private readonly load: (cursor?: string) => Promise<DeliveryPage>,
    private readonly accept: (items: Delivery[]) => Delivery[],
  ) {
    this.upcoming = load();
  }

  async next(): Promise<Delivery | undefined> {
    for (;;) {
      const item = this.current[this.index];
      if (item) {
        this.index++;
        return item;
      }
      const awaited = this.upcoming;
      if (!awaited) return undefined;
      const page = await awaited;
      // Several workers may have waited for the same page: only the first one moves the feed on.
      if (this.upcoming === awaited) {
        this.current = this.accept(page.items);
        this.index = 0;
        this.upcoming = page.next ? this.load(page.next) : undefined;
      }
    }
  }
}
