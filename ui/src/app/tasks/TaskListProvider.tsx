// Holds the window's task list and the handles that cancel its tasks.
import { useCallback, useMemo, useReducer, useRef, type ReactNode } from "react";
import { jobsReducer } from "../../features/jobs/jobsState";
import type { TaskHandle } from "../../ipc/tasks";
import { TaskListContext, type TaskList } from "./taskListContext";

export function TaskListProvider({ children }: { children: ReactNode }) {
  const [jobs, dispatch] = useReducer(jobsReducer, []);
  const handles = useRef(new Map<number, TaskHandle>());
  const nextKey = useRef(1);

  const track = useCallback<TaskList["track"]>((spec, start) => {
    const key = nextKey.current++;
    dispatch({ type: "add", spec: { ...spec, key } });
    const handle = start((event) => { dispatch({ type: "event", key, event }); });
    handles.current.set(key, handle);
    void handle.done.then((outcome) => {
      dispatch({ type: "event", key, event: outcome });
      handles.current.delete(key);
    });
    return handle;
  }, []);

  const cancel = useCallback((key: number) => {
    dispatch({ type: "cancelRequested", key });
    void handles.current.get(key)?.cancel();
  }, []);

  const dismiss = useCallback((key: number) => { dispatch({ type: "dismiss", key }); }, []);

  const value = useMemo(() => ({ jobs, track, cancel, dismiss }), [jobs, track, cancel, dismiss]);
  return <TaskListContext.Provider value={value}>{children}</TaskListContext.Provider>;
}
