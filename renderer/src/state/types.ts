// The one application state, assembled from slices; each slice sees the whole state through `get`.
import type { ImagesSlice } from './images-slice';
import type { DetailSlice } from './detail-slice';
import type { TasksSlice } from './tasks-slice';
import type { UiSlice } from './ui-slice';
import type { ConnectionSlice } from './connection-slice';
import type { UpdatesSlice } from './updates-slice';

export type AppState = ImagesSlice & DetailSlice & TasksSlice & UiSlice & ConnectionSlice & UpdatesSlice;
