import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { ListingPhotosView } from "../../bindings/ListingPhotosView";
import { PhotoGallery, photoAlt } from "./PhotoGallery";

const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

function photos(n: number, source: "local" | "server" = "server"): ListingPhotosView {
  return {
    source,
    skipped: 0,
    next: null,
    photos: Array.from({ length: n }, (_, i) => ({
      objectId: i + 1,
      contentType: "image/png",
      description: i === 1 ? "Kitchen" : null,
      size: 68,
      dataUrl: PNG,
    })),
  };
}

function backend(reply: (key: string) => unknown) {
  const keys: string[] = [];
  mockIPC((cmd, args) => {
    if (cmd !== "listing_photos") throw new Error(`unexpected ${cmd}`);
    const { listingKey } = args as { listingKey: string };
    keys.push(listingKey);
    return reply(listingKey);
  });
  return keys;
}

describe("PhotoGallery", () => {
  it("writes alt text with the listing, position and description", () => {
    expect(photoAlt("L7", 2, 5, "Kitchen")).toBe("Listing L7, photo 2 of 5: Kitchen");
    expect(photoAlt("L7", 1, 5, null)).toBe("Listing L7, photo 1 of 5");
  });

  it("loads, shows the first photo large and moves with Left/Right, Home/End and clicks", async () => {
    const keys = backend(() => photos(3));
    const user = userEvent.setup();
    render(<PhotoGallery connectionId="demo" resource="Property" listingKey="L7" />);
    expect(screen.getByTestId("photo-loading")).toHaveTextContent("Loading photos…");
    const view = await screen.findByTestId("photo-view");
    expect(keys).toEqual(["L7"]);
    expect(within(view).getByRole("img")).toHaveAttribute("alt", "Listing L7, photo 1 of 3");
    expect(view).toHaveTextContent("Photo 1 of 3 · from the server");
    const thumbs = screen.getAllByTestId("photo-thumb");
    expect(thumbs).toHaveLength(3);
    expect(thumbs[0]).toHaveAttribute("aria-pressed", "true");
    expect(thumbs.map((t) => t.tabIndex)).toEqual([0, -1, -1]);

    await user.click(thumbs[0] as HTMLElement);
    await user.keyboard("{ArrowRight}");
    expect(thumbs[1]).toHaveFocus();
    expect(thumbs[1]).toHaveAttribute("aria-pressed", "true");
    expect(within(view).getByRole("img")).toHaveAttribute("alt", "Listing L7, photo 2 of 3: Kitchen");
    expect(view).toHaveTextContent("Photo 2 of 3 — Kitchen");
    await user.keyboard("{End}");
    expect(thumbs[2]).toHaveFocus();
    await user.keyboard("{ArrowRight}");
    expect(thumbs[2]).toHaveAttribute("aria-pressed", "true");
    await user.keyboard("{Home}");
    expect(thumbs[0]).toHaveFocus();
    await user.keyboard("{ArrowLeft}");
    expect(thumbs[0]).toHaveAttribute("aria-pressed", "true");
    await user.click(thumbs[2] as HTMLElement);
    expect(within(view).getByRole("img")).toHaveAttribute("alt", "Listing L7, photo 3 of 3");
  });

  it("says when a listing has no photos, and when some cannot be shown", async () => {
    backend((key) => (key === "L1" ? photos(0) : { ...photos(0), skipped: 2 }));
    const { rerender } = render(<PhotoGallery connectionId="demo" resource="Property" listingKey="L1" />);
    expect(await screen.findByTestId("photo-empty")).toHaveTextContent("This listing has no photos.");
    rerender(<PhotoGallery connectionId="demo" resource="Property" listingKey="L2" />);
    expect(await screen.findByText(/2 photo\(s\) that cannot be shown here/)).toBeInTheDocument();
  });

  it("loads the next page of photos when the listing has more than one reply carries", async () => {
    const firsts: (number | null)[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "listing_photos") throw new Error(`unexpected ${cmd}`);
      const { first } = args as { first: number | null };
      firsts.push(first);
      if (first === null) return { ...photos(2), next: 2, skipped: 1 };
      return {
        ...photos(1),
        photos: photos(1).photos.map((p) => ({ ...p, objectId: 3 })),
        next: null,
      };
    });
    const user = userEvent.setup();
    render(<PhotoGallery connectionId="demo" resource="Property" listingKey="L5" />);
    expect(await screen.findAllByTestId("photo-thumb")).toHaveLength(2);
    expect(screen.getByText("1 photo(s) not shown (too large or not images).")).toBeInTheDocument();
    await user.click(screen.getByTestId("photo-more"));
    expect(await screen.findAllByTestId("photo-thumb")).toHaveLength(3);
    expect(firsts).toEqual([null, 2]);
    expect(screen.queryByTestId("photo-more")).not.toBeInTheDocument();
    expect(screen.getByTestId("photo-view")).toHaveTextContent("Photo 1 of 3");
  });

  it("shows an error with a next step, and Retry asks again", async () => {
    let fail = true;
    const keys = backend(() =>
      fail ? Promise.reject({ code: "http", message: "HTTP request to the server failed: connection refused" }) : photos(1, "local"),
    );
    const user = userEvent.setup();
    render(<PhotoGallery connectionId="demo" resource="Property" listingKey="L9" />);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not load the photos. HTTP request to the server failed: connection refused");
    expect(alert).toHaveTextContent("Test connection");
    fail = false;
    await user.click(within(alert).getByRole("button", { name: "Retry photos" }));
    expect(await screen.findByTestId("photo-view")).toHaveTextContent("Photo 1 of 1 · downloaded");
    expect(keys).toEqual(["L9", "L9"]);
  });

  it("asks only for the listing the selection settles on", async () => {
    const keys = backend(() => photos(1));
    const { rerender } = render(<PhotoGallery connectionId="demo" resource="Property" listingKey="L1" />);
    rerender(<PhotoGallery connectionId="demo" resource="Property" listingKey="L2" />);
    rerender(<PhotoGallery connectionId="demo" resource="Property" listingKey="L3" />);
    const view = await screen.findByTestId("photo-view");
    expect(within(view).getByRole("img")).toHaveAttribute("alt", "Listing L3, photo 1 of 1");
    expect(keys).toEqual(["L3"]);
  });
});
