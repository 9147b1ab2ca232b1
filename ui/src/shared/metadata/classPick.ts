// Resolves a (resource, class) choice against loaded metadata, falling back to
// Property and its first class, as Query, Jobs and Results all default to.
import type { ClassView } from "../../bindings/ClassView";
import type { MetadataView } from "../../bindings/MetadataView";
import type { ResourceView } from "../../bindings/ResourceView";

/** A resource id and class name picked by the user (class null: the first one). */
export interface ClassPick {
  resource: string;
  className: string | null;
}

/** The resolved pick; undefined members when the metadata has none. */
export interface ResolvedPick {
  resources: ResourceView[];
  resource: ResourceView | undefined;
  cls: ClassView | undefined;
}

/** Resources with classes, the picked (or default) resource and class. */
export function resolvePick(metadata: MetadataView | null, pick: ClassPick | null): ResolvedPick {
  const resources = metadata?.resources.filter((r) => r.classes.length > 0) ?? [];
  const fallback = resources.find((r) => r.id === "Property" || r.standardName === "Property") ?? resources[0];
  const resource = resources.find((r) => r.id === pick?.resource) ?? fallback;
  const cls = resource?.classes.find((c) => c.name === pick?.className) ?? resource?.classes[0];
  return { resources, resource, cls };
}
