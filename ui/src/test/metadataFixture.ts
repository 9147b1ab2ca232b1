// Typed access to the Demo-MLS-like metadata fixture that the component tests
// and the browser test (scripts/browser-test.mjs) share as one JSON file.
import type { ClassView } from "../bindings/ClassView";
import type { ConnectionSummary } from "../bindings/ConnectionSummary";
import type { MetadataStatus } from "../bindings/MetadataStatus";
import type { MetadataView } from "../bindings/MetadataView";
import type { ResourceView } from "../bindings/ResourceView";
import metadata from "./fixtures/demo-metadata.json";

/** The status of metadata fetched from the server just now, nothing changed. */
export const onlineStatus: MetadataStatus = {
  source: "online",
  fetchedAt: "2026-11-27T08:00:00.000Z",
  offlineCode: null,
  offlineReason: null,
  changes: null,
};

/** A `metadata_get` reply: Property (Residential, Condo, Land) and Agent. */
export const demoMetadata: MetadataView = { ...metadata, status: onlineStatus };

/** The Property resource of the fixture. */
export const propertyResource = demoMetadata.resources[0] as ResourceView;

/** The Property/Residential class of the fixture (21 fields). */
export const residentialClass = propertyResource.classes[0] as ClassView;

/** A `connections_list` reply: the Demo MLS and one saved RETS connection. */
export const sampleConnections: ConnectionSummary[] = [
  {
    id: "demo",
    name: "Demo MLS",
    kind: "demo",
    loginUrl: "http://127.0.0.1:6103/rets/login",
    username: "demo",
    userAgent: null,
    retsVersion: null,
    usePost: false,
    vendorTemplate: null,
    allowInsecure: false,
    unencrypted: false,
    shared: null,
  },
  {
    id: "crmls",
    name: "Coastal MLS",
    kind: "rets",
    loginUrl: "https://rets.example-mls.com/rets/login",
    username: "ana.broker",
    userAgent: "CoastalPortal/1.0",
    retsVersion: "RETS/1.8",
    usePost: true,
    vendorTemplate: null,
    allowInsecure: false,
    unencrypted: false,
    shared: null,
  },
];
