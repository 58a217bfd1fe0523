// The diagram's webview panel type (the panel serializer registered at activation, the panels made on first use).
export const diagramViewType = 'prismaWorkbench.diagram';
