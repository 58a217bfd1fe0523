// The grid's webview panel type (the panel serializer registered at activation, the panels created on first use).
export const gridViewType = 'prismaWorkbench.grid';
