// Resource and class selects over the current connection's metadata, shared
// by the Query, Jobs and Results screens (test ids `<prefix>-resource`, `<prefix>-class`).
import { useId } from "react";
import type { ClassView } from "../../bindings/ClassView";
import type { ResourceView } from "../../bindings/ResourceView";
import type { ClassPick } from "./classPick";

/** Props of `ClassPicker`. */
export interface ClassPickerProps {
  resources: ResourceView[];
  resource: ResourceView;
  cls: ClassView;
  onChange: (pick: ClassPick) => void;
  testIdPrefix: string;
}

/** Two labelled selects: resource, then class. */
export function ClassPicker({ resources, resource, cls, onChange, testIdPrefix }: ClassPickerProps) {
  const resourceId = useId();
  const classId = useId();
  return (
    <div className="toolbar">
      <label htmlFor={resourceId} className="inline-field">
        Resource
      </label>
      <select
        id={resourceId}
        className="select"
        data-testid={`${testIdPrefix}-resource`}
        value={resource.id}
        onChange={(event) => { onChange({ resource: event.target.value, className: null }); }}
      >
        {resources.map((r) => (
          <option key={r.id} value={r.id}>
            {r.visibleName}
          </option>
        ))}
      </select>
      <label htmlFor={classId} className="inline-field">
        Class
      </label>
      <select
        id={classId}
        className="select"
        data-testid={`${testIdPrefix}-class`}
        value={cls.name}
        onChange={(event) => { onChange({ resource: resource.id, className: event.target.value }); }}
      >
        {resource.classes.map((c) => (
          <option key={c.name} value={c.name}>
            {c.visibleName}
          </option>
        ))}
      </select>
    </div>
  );
}
