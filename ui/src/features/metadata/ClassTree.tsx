// Resource → class tree of the metadata browser. Each class is a button; the
// selected one is marked with aria-current so it is announced, not just tinted.
import type { ResourceView } from "../../bindings/ResourceView";

/** A class within a resource. */
export interface ClassRef {
  resource: string;
  className: string;
}

/** Props of `ClassTree`. */
export interface ClassTreeProps {
  resources: readonly ResourceView[];
  selected: ClassRef | null;
  onSelect: (ref: ClassRef) => void;
}

/** The tree of resources and their classes. */
export function ClassTree({ resources, selected, onSelect }: ClassTreeProps) {
  return (
    <nav className="panel tree-panel" aria-label="Resources and classes">
      <h2>Resources</h2>
      <ul className="tree">
        {resources.map((resource) => (
          <li key={resource.id}>
            <span className="tree-resource">
              {resource.visibleName}
              {resource.visibleName !== resource.id && <span className="hint"> ({resource.id})</span>}
            </span>
            {resource.classes.length === 0 ? (
              <p className="hint tree-empty">No classes</p>
            ) : (
              <ul className="tree-classes">
                {resource.classes.map((cls) => {
                  const isSelected = selected?.resource === resource.id && selected.className === cls.name;
                  return (
                    <li key={cls.name}>
                      <button
                        type="button"
                        className="tree-item"
                        data-testid={`metadata-class-${cls.name}`}
                        aria-current={isSelected ? "true" : undefined}
                        onClick={() => { onSelect({ resource: resource.id, className: cls.name }); }}
                      >
                        <span>{cls.visibleName}</span>
                        <span className="tree-count" aria-label={`${cls.fields.length} fields`}>
                          {cls.fields.length}
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
