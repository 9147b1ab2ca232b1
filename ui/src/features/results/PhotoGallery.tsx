// Photo gallery of the listing in the Results detail panel: a larger view and
// a strip of thumbnails (Left/Right, Home/End move between them). Photos come
// from `listing_photos` as data: URLs (the CSP allows img-src data:); a short
// pause after the selection changes keeps arrowing through rows from asking
// the server for every row passed. A listing with more photos than one reply
// carries gets "Load more photos" (pages start at the reply's `next`).
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { CommandError } from "../../bindings/CommandError";
import type { ListingPhotosView } from "../../bindings/ListingPhotosView";
import { listingPhotos } from "../../ipc/commands";
import { toCommandError } from "../../ipc/errors";

/** Pause before photos are requested for a newly selected listing. */
export const PHOTO_DELAY_MS = 250;

type Load =
  | { state: "loading"; key: string }
  | { state: "ready"; key: string; photos: ListingPhotosView }
  | { state: "error"; key: string; error: CommandError };

/** Alt text of photo `n` (1-based) of `m` of listing `key`. */
export function photoAlt(key: string, n: number, m: number, description: string | null): string {
  return `Listing ${key}, photo ${String(n)} of ${String(m)}${description ? `: ${description}` : ""}`;
}

/** Props of `PhotoGallery`. */
export interface PhotoGalleryProps {
  connectionId: string;
  resource: string;
  /** The listing; undefined while its row is loading. */
  listingKey: string | undefined;
}

/** The gallery (test id `photo-gallery`, thumbnails `photo-thumb`, large view `photo-view`). */
export function PhotoGallery({ connectionId, resource, listingKey }: PhotoGalleryProps) {
  const [load, setLoad] = useState<Load | null>(null);
  const [selected, setSelected] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const [more, setMore] = useState<{ key: string; loading: boolean; error: CommandError | null }>({
    key: "",
    loading: false,
    error: null,
  });
  const thumbs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    if (!listingKey) return;
    let live = true;
    const timer = setTimeout(() => {
      setLoad({ state: "loading", key: listingKey });
      setSelected(0);
      listingPhotos(connectionId, resource, listingKey).then(
        (photos) => {
          if (live) setLoad({ state: "ready", key: listingKey, photos });
        },
        (error: unknown) => {
          if (live) setLoad({ state: "error", key: listingKey, error: toCommandError(error) });
        },
      );
    }, PHOTO_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [connectionId, resource, listingKey, attempt]);

  const current = load && load.key === listingKey ? load : null;
  const photos = current?.state === "ready" ? current.photos.photos : [];
  const count = photos.length;
  const shown = photos[Math.min(selected, count - 1)];

  const loadMore = () => {
    if (current?.state !== "ready" || current.photos.next === null) return;
    const { key, photos: page } = current;
    setMore({ key, loading: true, error: null });
    listingPhotos(connectionId, resource, key, page.next).then(
      (next) => {
        setLoad((now) =>
          now?.state === "ready" && now.key === key
            ? {
                ...now,
                photos: {
                  ...next,
                  photos: [...now.photos.photos, ...next.photos],
                  skipped: now.photos.skipped + next.skipped,
                },
              }
            : now,
        );
        setMore({ key, loading: false, error: null });
      },
      (error: unknown) => {
        setMore({ key, loading: false, error: toCommandError(error) });
      },
    );
  };
  const moreHere = more.key === listingKey ? more : null;

  const select = (index: number) => {
    setSelected(index);
    thumbs.current[index]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowRight: Math.min(count - 1, selected + 1),
      ArrowLeft: Math.max(0, selected - 1),
      Home: 0,
      End: count - 1,
    };
    const next = moves[event.key];
    if (next === undefined || count === 0) return;
    event.preventDefault();
    select(next);
  };

  return (
    <section className="photo-gallery" aria-labelledby="photo-gallery-title" data-testid="photo-gallery">
      <h3 id="photo-gallery-title">Photos</h3>
      {!current || current.state === "loading" ? (
        <p className="status-line" role="status" data-testid="photo-loading">
          <span className="spinner" aria-hidden="true" />
          Loading photos…
        </p>
      ) : current.state === "error" ? (
        <div className="error-box" role="alert" data-testid="photo-error">
          <p>
            <strong>Could not load the photos.</strong> {current.error.message}
          </p>
          <p className="hint">Check that the server can be reached (Test connection on the Connections screen), then retry.</p>
          <button type="button" className="button" onClick={() => { setAttempt((n) => n + 1); }}>
            Retry photos
          </button>
        </div>
      ) : count === 0 || !shown ? (
        <p className="hint" data-testid="photo-empty">
          {current.photos.skipped > 0
            ? `This listing has ${String(current.photos.skipped)} photo(s) that cannot be shown here (too large or not images).`
            : "This listing has no photos."}
        </p>
      ) : (
        <>
          <figure className="photo-view" data-testid="photo-view">
            <img src={shown.dataUrl} alt={photoAlt(current.key, selected + 1, count, shown.description)} />
            <figcaption>
              Photo {selected + 1} of {count}
              {shown.description ? ` — ${shown.description}` : ""}
              <span className="hint">
                {" · "}
                {current.photos.source === "local" ? "downloaded" : "from the server"}
              </span>
            </figcaption>
          </figure>
          <div
            className="photo-strip"
            role="group"
            aria-label={`Photos of listing ${current.key}: Left and Right arrows choose`}
            onKeyDown={onKeyDown}
          >
            {photos.map((photo, i) => (
              <button
                key={photo.objectId}
                ref={(el) => { thumbs.current[i] = el; }}
                type="button"
                className="photo-thumb"
                aria-pressed={i === selected}
                aria-label={`Photo ${String(i + 1)} of ${String(count)}`}
                tabIndex={i === selected ? 0 : -1}
                onClick={() => { setSelected(i); }}
                data-testid="photo-thumb"
              >
                <img src={photo.dataUrl} alt="" />
              </button>
            ))}
          </div>
          {current.photos.skipped > 0 && (
            <p className="hint">
              {current.photos.skipped} photo(s) not shown (too large or not images).
            </p>
          )}
          {current.photos.next !== null && (
            <button
              type="button"
              className="button"
              data-testid="photo-more"
              disabled={moreHere?.loading}
              onClick={loadMore}
            >
              {moreHere?.loading ? "Loading more photos…" : "Load more photos"}
            </button>
          )}
          {moreHere?.error && (
            <p className="hint" role="alert">
              Could not load more photos: {moreHere.error.message}
            </p>
          )}
        </>
      )}
    </section>
  );
}
