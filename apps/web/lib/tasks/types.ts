/**
 * The task shapes of contract §4. Written against the contract document until
 * `@ownlist/contract` exports them; the rest of the UI imports from here only.
 */
export type Priority = "low" | "medium" | "high";
export const PRIORITIES: readonly Priority[] = ["low", "medium", "high"];

export interface Task {
  id: string;
  user_id: string;
  title: string;
  description: string | null;
  completed: boolean;
  priority: Priority;
  due_date: string | null;
  tags: string[];
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

/** The writable fields (POST, PUT, PATCH bodies). */
export interface TaskWritable {
  title: string;
  description: string | null;
  completed: boolean;
  priority: Priority;
  due_date: string | null;
  tags: string[];
}

export type TaskCreate = Pick<TaskWritable, "title"> & Partial<TaskWritable>;
export type TaskPatch = Partial<TaskWritable>;

export type TaskStatus = "all" | "pending" | "completed";
export type TaskSort = "created" | "updated" | "title" | "due_date" | "priority";
export type SortOrder = "asc" | "desc";

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  request_id?: string;
  errors?: { field: string; message: string }[];
}

export const TASK_LIMITS = {
  titleMax: 200,
  descriptionMax: 5000,
  tagsMax: 10,
  tagMax: 32,
  pageMax: 500,
} as const;
